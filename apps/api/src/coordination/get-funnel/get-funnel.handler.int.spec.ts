import { referralStream } from '@passerelle/domain';
import { CoordinationFunnelQuery, type CoordinationFilter } from '@passerelle/projections';
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
import { openProjectionSide, timeline, type ProjectionSide } from '../../testing/read-side.fixtures';
import { ASSO, POLICE, REFUGE, coordinator, referralMade } from '../../testing/use-case.fixtures';
import { GetFunnelHandler } from './get-funnel.handler';
import { GetFunnelQuery } from './get-funnel.query';

const [served, declined, waiting] = [randomUUID(), randomUUID(), randomUUID()];
const [toServe, toDecline, toWait] = [randomUUID(), randomUUID(), randomUUID()];
const counts = (view: { stages: { count: number }[] }) => view.stages.map((stage) => stage.count);

describe('get funnel', () => {
  let side: ProjectionSide;
  const funnel = (filter: CoordinationFilter = {}) =>
    new GetFunnelHandler(new CoordinationFunnelQuery(side.fx.dataSource)).execute(new GetFunnelQuery(filter, coordinator, JUNE_1));

  /**
   * Three women. The NGO identified the first on 1 March and referred her the next day to the refuge,
   * which took her in two days later and closed with the service provided twenty days after. The NGO
   * identified the second on 5 March, without her coordination consent; the refuge declined her
   * shelter referral for lack of places. The authority identified the third in Paris on 10 April;
   * her referral still waits, past its deadline of 13 April.
   */
  beforeAll(async () => {
    side = await openProjectionSide('get_funnel', COORDINATION_READ_MODEL);
    await side.given(
      organisation(ASSO, 'ngo', '93', ['legal']),
      organisation(POLICE, 'authority', '93', ['asylum_procedure']),
      organisation(REFUGE, 'refuge', '75', ['shelter', 'specialised_shelter']),
      identifiedCase(served, on('2026-03-01'), {}, { purposes: ['coordination'] }),
      identifiedCase(declined, on('2026-03-05'), { indicators: ['gbv_intimate_partner'] }),
      identifiedCase(
        waiting,
        on('2026-04-10'),
        { identifiedBy: POLICE, identifierKind: 'authority', level: 'formal', department: '75' },
        { purposes: ['coordination'] },
      ),
      timeline(
        referralStream(toServe),
        [on('2026-03-02'), referralMade({ referralId: toServe, caseId: served })],
        [on('2026-03-04'), referralAccepted(toServe)],
        [on('2026-03-24'), referralClosed(toServe, 'service_provided')],
      ),
      timeline(
        referralStream(toDecline),
        [on('2026-03-06'), referralMade({ referralId: toDecline, caseId: declined, service: 'shelter' })],
        [on('2026-03-07'), referralDeclined(toDecline, 'no_capacity')],
      ),
      timeline(referralStream(toWait), [
        on('2026-04-11'),
        referralMade({ referralId: toWait, caseId: waiting, from: POLICE, respondBy: on('2026-04-13') }),
      ]),
    );
  });
  afterAll(() => side.close());

  it('counts every identification, consented to coordination or not, through each stage, with conversions, delays and declines', async () => {
    const view = await funnel();

    expect(view.asOf).toBe(JUNE_1.toISOString());
    expect(view.stages).toEqual([
      { stage: 'identified', count: 3, conversion: null },
      { stage: 'referred', count: 3, conversion: 1 },
      { stage: 'accepted', count: 1, conversion: 0.333 },
      { stage: 'closed_service_provided', count: 1, conversion: 1 },
    ]);
    expect(view.delaysDays).toEqual({
      identifiedToReferred: { median: 1, p90: 1 },
      referredToAccepted: { median: 2, p90: 2 },
      acceptedToClosed: { median: 20, p90: 20 },
    });
    expect(view.declineReasons).toEqual({ no_capacity: 1 });
    expect(view.overdue).toBe(1);
  });

  it('shows each organisation what it identified, and each receiver what it did with what it was sent', async () => {
    const none = { identified: 0, referred: 0, accepted: 0, closedServiceProvided: 0 };
    const nothingReceived = { received: 0, receivedAccepted: 0, receivedDeclined: 0, pending: 0, overdue: 0 };

    expect((await funnel()).byOrganisation).toEqual([
      {
        organisationId: ASSO,
        kind: 'ngo',
        department: '93',
        identified: 2,
        referred: 2,
        accepted: 1,
        closedServiceProvided: 1,
        ...nothingReceived,
      },
      {
        organisationId: POLICE,
        kind: 'authority',
        department: '93',
        identified: 1,
        referred: 1,
        accepted: 0,
        closedServiceProvided: 0,
        ...nothingReceived,
      },
      {
        organisationId: REFUGE,
        kind: 'refuge',
        department: '75',
        ...none,
        received: 3,
        receivedAccepted: 1,
        receivedDeclined: 1,
        pending: 1,
        overdue: 1,
      },
    ]);
  });

  it('selects identifications by period, département, kind and indicator, and her referrals by service', async () => {
    expect(counts(await funnel({ from: '2026-03-01', to: '2026-03-31' }))).toEqual([2, 2, 1, 1]);
    // A period cut inside a month is read from the rows, not from the monthly cells.
    expect(counts(await funnel({ from: '2026-03-03', to: '2026-04-30' }))).toEqual([2, 2, 0, 0]);
    expect(counts(await funnel({ department: '75' }))).toEqual([1, 1, 0, 0]);
    expect(counts(await funnel({ kind: 'ngo' }))).toEqual([2, 2, 1, 1]);
    expect(counts(await funnel({ indicator: 'gbv_intimate_partner' }))).toEqual([1, 1, 0, 0]);
    expect(counts(await funnel({ service: 'shelter' }))).toEqual([3, 1, 0, 0]);
  });

  it('names no woman: no case or referral id in the answer', async () => {
    const answer = JSON.stringify(await funnel());

    expect([served, declined, waiting, toServe, toDecline, toWait].filter((id) => answer.includes(id))).toEqual([]);
  });
});
