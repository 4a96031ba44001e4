import { Client } from 'pg';
import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const SHELTERS = Array.from({ length: 10 }, (_, i) => `refuge-race-${i}`);
const ROUNDS = 25;

/**
 * Every shelter asked accepts at the same instant, round after round, through two API instances on
 * one PostgreSQL database (two processes' stream caches and append batchers): exactly one
 * acceptance wins each time, and every other one is refused with PLACE_REQUEST.ALREADY_PLACED.
 */
describe('concurrent acceptances of one place request', () => {
  let first: TestNetwork;
  let second: TestNetwork;
  let ngo: Partner;
  let shelters: Partner[];
  let sql: Client;

  beforeAll(async () => {
    first = await startTestNetwork();
    const { masterKey, linkageKey, bootstrapAdminKey } = first.settings;
    second = await startTestNetwork({ masterKey, linkageKey, bootstrapAdminKey }, { database: first.database });
    ngo = await onboard(first, { id: 'asso-race', kind: 'ngo', department: '93', services: ['legal'] });
    shelters = [];
    for (const id of SHELTERS)
      shelters.push(await onboard(first, { id, kind: 'refuge', department: '93', services: ['specialised_shelter'] }));
    sql = new Client({ connectionString: first.database.url });
    await sql.connect();
  });
  afterAll(async () => {
    await sql.end();
    await second.close();
    await first.close();
  });

  const events = async (streams: string[]) =>
    (
      await sql.query<{ stream_name: string; type: string; data: { reason?: string } }>(
        'SELECT stream_name, type, data FROM es_events WHERE stream_name = ANY($1) ORDER BY global_position',
        [streams],
      )
    ).rows;

  it(`lets exactly one of ${SHELTERS.length} simultaneous acceptances win, ${ROUNDS} times over`, async () => {
    const winners = new Set<string>();
    for (let round = 0; round < ROUNDS; round += 1) {
      const made = await first
        .http()
        .post('/v1/cases')
        .set(auth(ngo))
        .send(identifyBody(['any_referral_recipient']));
      const requested = await first
        .http()
        .post('/v1/place-requests')
        .set(auth(ngo))
        .send({
          caseId: made.body.caseId,
          to: SHELTERS,
          service: 'specialised_shelter',
          urgency: 'urgent',
          sharedCategories: ['identity'],
        });
      expect(requested.status).toBe(201);
      const { placeRequestId, referralIds } = requested.body as { placeRequestId: string; referralIds: string[] };

      const answers = await Promise.all(
        referralIds.map((referralId, i) =>
          (i % 2 === 0 ? first : second).http().post(`/v1/referrals/${referralId}/acceptance`).set(auth(shelters[i]!)).send({}),
        ),
      );

      const won = answers.flatMap((answer, i) => (answer.status === 200 ? [referralIds[i]!] : []));
      expect(won).toHaveLength(1);
      const refused = answers.filter((answer) => answer.status !== 200);
      expect(refused.map((answer) => [answer.status, answer.body.code])).toEqual(refused.map(() => [409, 'PLACE_REQUEST.ALREADY_PLACED']));
      const recorded = await events([`place-request-${placeRequestId}`, ...referralIds.map((id) => `referral-${id}`)]);
      expect(recorded.filter((e) => e.type === 'PlaceRequestPlaced')).toHaveLength(1);
      const answered = recorded.filter(
        (e) => e.type !== 'ReferralMade' && e.type !== 'PlaceRequestMade' && e.type !== 'PlaceRequestPlaced',
      );
      expect(answered.filter((e) => e.type === 'ReferralAccepted').map((e) => e.stream_name)).toEqual([`referral-${won[0]}`]);
      expect(answered.filter((e) => e.type === 'ReferralWithdrawn').map((e) => e.data.reason)).toEqual(
        Array(SHELTERS.length - 1).fill('placed_elsewhere'),
      );
      winners.add(won[0]!);
    }
    expect(winners.size).toBe(ROUNDS);
  });
});
