import { referralStream, type ReferralMade, type Service } from '@passerelle/domain';
import { CoordinationCapacityQuery, type CapacityRow, type CoordinationFilter } from '@passerelle/projections';
import { randomUUID } from 'node:crypto';
import {
  COORDINATION_READ_MODEL,
  identifiedCase,
  JUNE_1,
  on,
  organisation,
  referralAccepted,
  referralClosed,
  referralDeclined,
} from '../../testing/network.fixtures';
import { REFUGE_B } from '../../testing/place-request.fixtures';
import { openProjectionSide, timeline, type ProjectionSide } from '../../testing/read-side.fixtures';
import { ASSO, REFUGE, coordinator, referralMade } from '../../testing/use-case.fixtures';
import { GetCapacityHandler } from './get-capacity.handler';
import { GetCapacityQuery } from './get-capacity.query';

const [trafficked, beaten] = [randomUUID(), randomUUID()];
const [stay, earlier, later, unanswered, declined] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
/** A referral made on 2 April. */
const made = (
  referralId: string,
  caseId: string,
  to: string,
  service: Service,
  respondBy: string | null = null,
): [string, ReferralMade] => [on('2026-04-02'), referralMade({ referralId, caseId, to, service, respondBy })];
/** A row as the coordinator reads it: whose places, which service, declared total and available, occupied, waiting, overdue. */
const line = (row: CapacityRow) => [
  row.organisationId,
  row.service,
  row.declared?.total ?? null,
  row.declared?.available ?? null,
  row.occupied,
  row.waiting,
  row.overdue,
];

describe('get capacity', () => {
  let side: ProjectionSide;
  const capacity = (filter: Omit<CoordinationFilter, 'from' | 'to'> = {}, now = JUNE_1) =>
    new GetCapacityHandler(new CoordinationCapacityQuery(side.fx.dataSource)).execute(new GetCapacityQuery(filter, coordinator, now));

  /**
   * The Paris refuge declared 6 specialised places, 2 free; the Lille one 10 shelter places, 3 free.
   * The NGO referred a trafficked woman to the Paris refuge, which took her in (an earlier stay of
   * hers there is closed), and to the Lille refuge's shelter, answer due 15 June. It referred a
   * woman fleeing violence to a specialised place in Paris, answer due 1 May and still not given,
   * and to the Paris shelter, which declined.
   */
  beforeAll(async () => {
    side = await openProjectionSide('get_capacity', COORDINATION_READ_MODEL);
    await side.given(
      organisation(ASSO, 'ngo', '93', ['legal']),
      organisation(REFUGE, 'refuge', '75', ['shelter', 'specialised_shelter'], { places: { specialised_shelter: [6, 2] } }),
      organisation(REFUGE_B, 'refuge', '59', ['shelter'], { places: { shelter: [10, 3] } }),
      identifiedCase(trafficked, on('2026-04-01')),
      identifiedCase(beaten, on('2026-04-01'), { indicators: ['gbv_intimate_partner'] }),
      timeline(referralStream(stay), made(stay, trafficked, REFUGE, 'specialised_shelter'), [on('2026-04-03'), referralAccepted(stay)]),
      timeline(
        referralStream(earlier),
        made(earlier, trafficked, REFUGE, 'specialised_shelter'),
        [on('2026-04-03'), referralAccepted(earlier)],
        [on('2026-04-20'), referralClosed(earlier)],
      ),
      timeline(referralStream(later), made(later, trafficked, REFUGE_B, 'shelter', on('2026-06-15'))),
      timeline(referralStream(unanswered), made(unanswered, beaten, REFUGE, 'specialised_shelter', on('2026-05-01'))),
      timeline(referralStream(declined), made(declined, beaten, REFUGE, 'shelter'), [
        on('2026-04-03'),
        referralDeclined(declined, 'no_capacity'),
      ]),
    );
  });
  afterAll(() => side.close());

  it('sets each organisation’s declared places against the women it serves now and the referrals waiting for its answer', async () => {
    const view = await capacity();

    expect(view.asOf).toBe(JUNE_1.toISOString());
    expect(view.rows.map(line)).toEqual([
      [ASSO, 'legal', null, null, 0, 0, 0],
      [REFUGE_B, 'shelter', 10, 3, 0, 1, 0],
      [REFUGE, 'shelter', null, null, 0, 0, 0],
      [REFUGE, 'specialised_shelter', 6, 2, 1, 1, 1],
    ]);
    expect(view.byService).toEqual([
      { service: 'legal', declaredTotal: 0, declaredAvailable: 0, occupied: 0, waiting: 0, overdue: 0 },
      { service: 'shelter', declaredTotal: 10, declaredAvailable: 3, occupied: 0, waiting: 1, overdue: 0 },
      { service: 'specialised_shelter', declaredTotal: 6, declaredAvailable: 2, occupied: 1, waiting: 1, overdue: 1 },
    ]);
  });

  it('counts a referral overdue only once its answer is due, as of the question', async () => {
    const april = await capacity({ service: 'specialised_shelter' }, new Date('2026-04-15T00:00:00.000Z'));

    expect(april.rows.map(line)).toEqual([[REFUGE, 'specialised_shelter', 6, 2, 1, 1, 0]]);
  });

  it('selects organisations by département and kind, services by service, and the women counted by indicator', async () => {
    expect((await capacity({ department: '59', kind: 'refuge' })).rows.map(line)).toEqual([[REFUGE_B, 'shelter', 10, 3, 0, 1, 0]]);
    expect((await capacity({ kind: 'ngo' })).rows.map(line)).toEqual([[ASSO, 'legal', null, null, 0, 0, 0]]);
    expect((await capacity({ indicator: 'trafficking_sexual', kind: 'refuge' })).rows.map(line)).toEqual([
      [REFUGE_B, 'shelter', 10, 3, 0, 1, 0],
      [REFUGE, 'shelter', null, null, 0, 0, 0],
      [REFUGE, 'specialised_shelter', 6, 2, 1, 0, 0],
    ]);
  });
});
