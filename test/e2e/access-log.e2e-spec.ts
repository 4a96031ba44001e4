import { auth } from './support/fixtures';
import { consent, identify, inbox, onboardKeyed, refer, sql, type KeyedPartner } from './support/consent-fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

interface Entry {
  readAt: string;
  organisationId: string;
  keyId: string | null;
  via: string;
  referralId: string | null;
  categories: string[];
}

/** Every read of her personal fields leaves a trace only the holder may read (issue 3, item 6). */
describe('the access log of a case', () => {
  let network: TestNetwork;
  let ngo: KeyedPartner;
  let refuge: KeyedPartner;
  let stranger: KeyedPartner;
  let coordinator: KeyedPartner;
  let caseId: string;
  let consentId: string;
  let referralId: string;
  let position: string;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboardKeyed(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    stranger = await onboardKeyed(network, { id: 'health-93', kind: 'health', department: '93', services: ['medical'] });
    coordinator = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] }, 'coordinator');
    ({ caseId, consentId } = (await identify(network, ngo, consent(['refuge-75'], ['identity', 'contact', 'health']))) as {
      caseId: string;
      consentId: string;
    });
    ({ referralId, position } = await refer(network, ngo, {
      caseId,
      to: 'refuge-75',
      service: 'shelter',
      sharedCategories: ['identity', 'contact'],
    }));
  });
  afterAll(() => network.close());

  const log = async (partner: KeyedPartner = ngo): Promise<Entry[]> => {
    const response = await network.http().get(`/v1/cases/${caseId}/access-log`).set(auth(partner));
    expect(response.status).toBe(200);
    return response.body.entries as Entry[];
  };

  it('starts empty: identifying and referring her opened nothing', async () => {
    expect(await log()).toEqual([]);
  });

  it('records who read her referral, with which key, when, and which categories were opened', async () => {
    const before = Date.now();
    expect((await network.http().get(`/v1/referrals/${referralId}`).set(auth(refuge))).status).toBe(200);
    const after = Date.now();
    const [entry, ...rest] = await log();
    expect(rest).toEqual([]);
    expect(entry).toEqual({
      readAt: expect.any(String),
      organisationId: 'refuge-75',
      keyId: refuge.keyId,
      personId: null,
      via: 'referral',
      referralId,
      categories: ['identity', 'contact'],
    });
    const readAt = new Date(entry?.readAt ?? 0).getTime();
    expect(readAt >= before && readAt <= after).toBe(true);
  });

  it('records reads through the case and through an inbox page, newest first, the holder’s own included', async () => {
    // The receiver's view of her case is narrowed by its referral, found in the inbox read model: wait for it.
    await network.http().get(`/v1/cases/${caseId}`).query({ minPosition: position }).set(auth(refuge));
    await inbox(network, refuge, 'received', position);
    await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo));
    const entries = await log();
    expect(entries.slice(0, 3).map((e) => [e.organisationId, e.via, e.categories])).toEqual([
      ['asso-93', 'case', ['identity', 'contact', 'health', 'legal', 'vulnerability', 'children']],
      ['refuge-75', 'inbox', ['identity', 'contact']],
      ['refuge-75', 'case', ['identity', 'contact']],
    ]);
  });

  it('records every row of an inbox page that showed a person, with the page’s one read time', async () => {
    const others = await Promise.all(
      [1, 2].map(async () => {
        const made = await identify(network, ngo, consent(['refuge-75'], ['contact']));
        return {
          caseId: made.caseId,
          ...(await refer(network, ngo, { caseId: made.caseId, to: 'refuge-75', service: 'shelter', sharedCategories: ['contact'] })),
        };
      }),
    );
    const last = others
      .map((o) => BigInt(o.position))
      .reduce((a, b) => (a > b ? a : b))
      .toString();
    await inbox(network, refuge, 'received', last);
    const rows = await sql<{ case_id: string; read_at: Date }>(
      network,
      `SELECT case_id, read_at FROM privacy_access_log WHERE via = 'inbox' AND organisation_id = 'refuge-75' AND read_at = (SELECT max(read_at) FROM privacy_access_log)`,
    );
    expect(rows.map((r) => r.case_id).sort()).toEqual([caseId, ...others.map((o) => o.caseId)].sort());
  });

  it('is shown to the holder only: any other partner gets the 404 of a missing case', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const partner of [refuge, stranger]) {
      const response = await network.http().get(`/v1/cases/${caseId}/access-log`).set(auth(partner));
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('CASE.NOT_FOUND');
    }
    expect((await network.http().get(`/v1/cases/${missing}/access-log`).set(auth(ngo))).body.code).toBe('CASE.NOT_FOUND');
    expect((await network.http().get(`/v1/cases/${caseId}/access-log`).set(auth(coordinator))).status).toBe(403);
  });

  it('records nothing for a read that opened nothing, e.g. after she withdrew her consent', async () => {
    await network.http().post(`/v1/cases/${caseId}/consents/${consentId}/withdrawal`).set(auth(ngo)).send({});
    const count = (await log()).length;
    const read = await network.http().get(`/v1/referrals/${referralId}`).set(auth(refuge));
    expect(read.body.person).toBeNull();
    expect((await log()).length).toBe(count);
  });

  it('pages from newest to oldest', async () => {
    const all = await log();
    const first = await network.http().get(`/v1/cases/${caseId}/access-log?limit=2`).set(auth(ngo));
    const second = await network.http().get(`/v1/cases/${caseId}/access-log?limit=2&cursor=${first.body.nextCursor}`).set(auth(ngo));
    expect([...first.body.entries, ...second.body.entries]).toEqual(all.slice(0, 4));
    expect((await network.http().get(`/v1/cases/${caseId}/access-log?limit=0`).set(auth(ngo))).status).toBe(400);
  });
});
