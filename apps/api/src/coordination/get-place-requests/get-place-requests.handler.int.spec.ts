import { placeRequestStream, referralStream } from '@passerelle/domain';
import { CoordinationPlaceRequestsQuery, type CoordinationFilter } from '@passerelle/projections';
import { randomUUID } from 'node:crypto';
import { COORDINATION_READ_MODEL, identifiedCase, JUNE_1, on, referralAccepted, referralDeclined } from '../../testing/network.fixtures';
import {
  PLACE_REQUEST_ID,
  placedThrough,
  placeRequestMade,
  REFUGE_B,
  referralOfRequest,
  TO_REFUGE,
  TO_REFUGE_B,
} from '../../testing/place-request.fixtures';
import { openProjectionSide, timeline, type ProjectionSide } from '../../testing/read-side.fixtures';
import { ASSO, CASE_ID, REFUGE, coordinator } from '../../testing/use-case.fixtures';
import { GetPlaceRequestsHandler } from './get-place-requests.handler';
import { GetPlaceRequestsQuery } from './get-place-requests.query';

const PARIS_CASE = randomUUID();
const [SECOND_ROUND, CANCELLED] = [randomUUID(), randomUUID()];
const [SECOND_TO_REFUGE, CANCELLED_TO_REFUGE_B] = [randomUUID(), randomUUID()];
/** How the requests of a view ended: requests, placed, expired, cancelled, open. */
const ends = (figures: { requests: number; placed: number; expired: number; cancelled: number; open: number }) => [
  figures.requests,
  figures.placed,
  figures.expired,
  figures.cancelled,
  figures.open,
];

describe('get place requests', () => {
  let side: ProjectionSide;
  const placeRequests = (filter: CoordinationFilter = {}) =>
    new GetPlaceRequestsHandler(new CoordinationPlaceRequestsQuery(side.fx.dataSource)).execute(
      new GetPlaceRequestsQuery(filter, coordinator, JUNE_1),
    );

  /**
   * Her case, in Seine-Saint-Denis: on 2 March at 10:00 the NGO asked both refuges for a specialised
   * place; the first declined for lack of places an hour later, the second accepted at 13:00. On 10
   * March it asked the first refuge again, for a shelter, and nobody answered before the request
   * expired. In Paris another woman's request of 5 April was cancelled two hours after it was made.
   */
  beforeAll(async () => {
    side = await openProjectionSide('get_place_requests', COORDINATION_READ_MODEL);
    const secondRound = placeRequestMade({
      placeRequestId: SECOND_ROUND,
      recipients: [{ organisationId: REFUGE, referralId: SECOND_TO_REFUGE }],
      service: 'shelter',
    });
    const cancelled = placeRequestMade({
      placeRequestId: CANCELLED,
      caseId: PARIS_CASE,
      recipients: [{ organisationId: REFUGE_B, referralId: CANCELLED_TO_REFUGE_B }],
    });
    await side.given(
      identifiedCase(CASE_ID, on('2026-03-01')),
      identifiedCase(PARIS_CASE, on('2026-04-01'), { department: '75' }),
      timeline(
        placeRequestStream(PLACE_REQUEST_ID),
        [on('2026-03-02', '10:00'), placeRequestMade()],
        [on('2026-03-02', '13:00'), placedThrough(TO_REFUGE_B, REFUGE_B)],
      ),
      timeline(
        referralStream(TO_REFUGE),
        [on('2026-03-02', '10:00'), referralOfRequest(TO_REFUGE, REFUGE)],
        [on('2026-03-02', '11:00'), referralDeclined(TO_REFUGE, 'no_capacity')],
      ),
      timeline(
        referralStream(TO_REFUGE_B),
        [on('2026-03-02', '10:00'), referralOfRequest(TO_REFUGE_B, REFUGE_B)],
        [on('2026-03-02', '13:00'), referralAccepted(TO_REFUGE_B, REFUGE_B)],
      ),
      timeline(
        placeRequestStream(SECOND_ROUND),
        [on('2026-03-10', '10:00'), secondRound],
        [
          on('2026-03-11', '10:00'),
          { type: 'PlaceRequestExpired', data: { placeRequestId: SECOND_ROUND, respondBy: on('2026-03-11', '10:00') } },
        ],
      ),
      timeline(referralStream(SECOND_TO_REFUGE), [on('2026-03-10', '10:00'), referralOfRequest(SECOND_TO_REFUGE, REFUGE, secondRound)]),
      timeline(
        placeRequestStream(CANCELLED),
        [on('2026-04-05', '10:00'), cancelled],
        [on('2026-04-05', '12:00'), { type: 'PlaceRequestCancelled', data: { placeRequestId: CANCELLED, by: ASSO } }],
      ),
      timeline(referralStream(CANCELLED_TO_REFUGE_B), [
        on('2026-04-05', '10:00'),
        referralOfRequest(CANCELLED_TO_REFUGE_B, REFUGE_B, cancelled),
      ]),
    );
  });
  afterAll(() => side.close());

  it('counts the requests by how they ended, the time to place, the declines per reason and the women who needed another round', async () => {
    const view = await placeRequests();

    expect(view.asOf).toBe(JUNE_1.toISOString());
    expect(view.totals).toEqual({
      requests: 3,
      placed: 1,
      expired: 1,
      cancelled: 1,
      open: 0,
      recipients: 4,
      timeToPlaceHours: { median: 3, p90: 3 },
      declines: { no_capacity: 1 },
      declinesPerRequest: { no_capacity: 0.33 },
      rounds: { first: 2, second: 1, later: 1 },
    });
    expect(view.rows.map((row) => [row.department, row.service, ...ends(row)])).toEqual([
      ['75', 'specialised_shelter', 1, 0, 0, 1, 0],
      ['93', 'shelter', 1, 0, 1, 0, 0],
      ['93', 'specialised_shelter', 1, 1, 0, 0, 0],
    ]);
  });

  it('selects requests by the month or the days they were made, her département and the service', async () => {
    const march = await placeRequests({ from: '2026-03-01', to: '2026-03-31' });
    expect(ends(march.totals)).toEqual([2, 1, 1, 0, 0]);
    expect(march.totals.timeToPlaceHours).toEqual({ median: 3, p90: 3 });
    // A period cut inside a month is read from the rows, not from the monthly cells.
    const afterThePlacement = await placeRequests({ from: '2026-03-03', to: '2026-04-30' });
    expect(ends(afterThePlacement.totals)).toEqual([2, 0, 1, 1, 0]);
    expect(afterThePlacement.totals.timeToPlaceHours).toEqual({ median: null, p90: null });
    expect(ends((await placeRequests({ department: '75' })).totals)).toEqual([1, 0, 0, 1, 0]);
    expect(ends((await placeRequests({ service: 'specialised_shelter' })).totals)).toEqual([2, 1, 0, 1, 0]);
  });

  it('names no request, case, referral or shelter: figures only', async () => {
    const answer = JSON.stringify(await placeRequests());

    const named = [PLACE_REQUEST_ID, SECOND_ROUND, CANCELLED, CASE_ID, PARIS_CASE, TO_REFUGE, TO_REFUGE_B, REFUGE, REFUGE_B, ASSO];
    expect(named.filter((id) => answer.includes(id))).toEqual([]);
  });
});
