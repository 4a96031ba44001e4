import { auth, eventCount } from './support/fixtures';
import { consent, identify, onboardKeyed, sql, type KeyedPartner } from './support/consent-fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

type Response = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

/** Issue 3, "Bad input": a clear 4xx problem, and nothing written (no event, no key destroyed). */
describe('bad consent, withdrawal and erasure requests', () => {
  let network: TestNetwork;
  let ngo: KeyedPartner;
  let other: KeyedPartner;
  let coordinator: KeyedPartner;
  let caseId: string;
  let consentId: string;
  let othersCase: string;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    other = await onboardKeyed(network, { id: 'asso-75', kind: 'ngo', department: '75', services: ['legal'] });
    await onboardKeyed(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    coordinator = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] }, 'coordinator');
    ({ caseId, consentId } = (await identify(network, ngo, consent(['refuge-75'], ['identity']))) as { caseId: string; consentId: string });
    othersCase = (await identify(network, other, consent(['refuge-75'], ['identity']))).caseId;
  });
  afterAll(() => network.close());

  const liveKeys = async () =>
    Number((await sql<{ n: string }>(network, 'SELECT count(*) AS n FROM privacy_case_keys WHERE destroyed_at IS NULL'))[0]?.n);

  /** Sends the request and checks it was refused with a problem document and wrote nothing. */
  async function refused(send: () => Promise<Response>, status: number, code?: string): Promise<Response> {
    const [events, keys] = [await eventCount(network), await liveKeys()];
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status, detail: expect.any(String) });
    if (code) expect(response.body.code).toBe(code);
    expect([await eventCount(network), await liveKeys()]).toEqual([events, keys]);
    return response;
  }

  const post =
    (partner: KeyedPartner, path: string, body: object = {}) =>
    () =>
      network.http().post(path).set(auth(partner)).send(body) as unknown as Promise<Response>;

  describe('consent', () => {
    it('for an organisation that is not registered: 422 giving its position, not its id', async () => {
      const response = await refused(
        post(ngo, `/v1/cases/${caseId}/consents`, consent(['refuge-75', 'ghost-13'], ['identity'])),
        422,
        'CONSENT.UNKNOWN_RECIPIENT',
      );
      expect(response.body.details).toEqual({ recipients: [1] });
      expect(JSON.stringify(response.body)).not.toContain('ghost-13');
    });

    it('for an unknown category or purpose: 400 naming the field', async () => {
      const badCategory = await refused(post(ngo, `/v1/cases/${caseId}/consents`, consent(['refuge-75'], ['identity', 'religion'])), 400);
      expect(badCategory.body.errors).toEqual([expect.objectContaining({ field: 'categories' })]);
      const badPurpose = await refused(post(ngo, `/v1/cases/${caseId}/consents`, consent(['refuge-75'], ['identity'], ['marketing'])), 400);
      expect(badPurpose.body.errors).toEqual([expect.objectContaining({ field: 'purposes' })]);
      await refused(
        post(ngo, `/v1/cases/${caseId}/consents`, consent(['refuge-75'], ['identity'], ['referral'], { method: 'telepathy' })),
        400,
      );
    });

    it('with an expiry in the past: 422', async () => {
      const past = new Date(Date.now() - 60_000).toISOString();
      await refused(
        post(ngo, `/v1/cases/${caseId}/consents`, consent(['refuge-75'], ['identity'], ['referral'], { expiresAt: past })),
        422,
        'CONSENT.EXPIRY_IN_PAST',
      );
      await refused(
        post(ngo, '/v1/cases', {
          person: { givenName: 'A' },
          level: 'presumed',
          indicators: ['isolated'],
          department: '93',
          ageBand: '25-34',
          safety: { doNotContact: true, safeChannel: 'in_person' },
          consent: consent(['refuge-75'], ['identity'], ['referral'], { expiresAt: past }),
        }),
        422,
        'CONSENT.EXPIRY_IN_PAST',
      );
    });

    it('on a case another partner holds: the 404 of a case that does not exist', async () => {
      await refused(post(other, `/v1/cases/${caseId}/consents`, consent(['refuge-75'], ['identity'])), 404, 'CASE.NOT_FOUND');
    });
  });

  describe('withdrawal', () => {
    it('of someone else’s consent: 404, whether through its case or through one’s own', async () => {
      await refused(post(other, `/v1/cases/${caseId}/consents/${consentId}/withdrawal`), 404, 'CASE.NOT_FOUND');
      await refused(post(other, `/v1/cases/${othersCase}/consents/${consentId}/withdrawal`), 404, 'CONSENT.NOT_FOUND');
    });

    it('twice: 409 the second time', async () => {
      const first = await network.http().post(`/v1/cases/${caseId}/consents/${consentId}/withdrawal`).set(auth(ngo)).send({});
      expect(first.status).toBe(200);
      await refused(post(ngo, `/v1/cases/${caseId}/consents/${consentId}/withdrawal`), 409, 'CONSENT.ALREADY_WITHDRAWN');
    });
  });

  describe('erasure', () => {
    it('by a partner that does not hold the case: 404, and her key is intact', async () => {
      await refused(post(other, `/v1/cases/${caseId}/erasure`), 404, 'CASE.NOT_FOUND');
      expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo))).body.person.givenName).toBe('Fatou');
    });

    it('by a coordinator key: 403', async () => {
      await refused(post(coordinator, `/v1/cases/${caseId}/erasure`), 403);
    });

    it('twice: 409 the second time, and nothing more can be recorded on her', async () => {
      const first = await network.http().post(`/v1/cases/${caseId}/erasure`).set(auth(ngo)).send({});
      expect(first.status).toBe(200);
      await refused(post(ngo, `/v1/cases/${caseId}/erasure`), 409, 'CASE.ALREADY_ERASED');
      await refused(post(ngo, `/v1/cases/${caseId}/consents`, consent(['refuge-75'], ['identity'])), 422, 'CASE.ERASED');
      await refused(
        post(ngo, '/v1/referrals', { caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: [] }),
        422,
        'CASE.ERASED',
      );
    });
  });
});
