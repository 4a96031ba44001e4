import { auth, eventCount, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

type Response = { status: number; headers: Record<string, string>; body: Record<string, unknown>; text: string };

/**
 * Issue 12, "Why": each input that used to reach a 500, slip past validation or come back in the
 * error now gets a 4xx problem that writes nothing and repeats nothing of what was sent.
 */
describe('hostile and careless input', () => {
  let network: TestNetwork;
  let ngo: Partner;
  let researcher: Partner;
  let coordinator: Partner;
  let caseId: string;
  let consentId: string;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] });
    await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    researcher = await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] }, 'researcher');
    coordinator = await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] }, 'coordinator');
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(identifyBody(['refuge-75']));
    ({ caseId, consentId } = identified.body as { caseId: string; consentId: string });
  });
  afterAll(() => network.close());

  /** Sends, then checks: this status, a problem document, no event written, `secret` nowhere in the answer. */
  async function refused(send: () => PromiseLike<Response>, status: number, secret?: string): Promise<Response> {
    const before = await eventCount(network);
    const response = await send();
    expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
      status,
      type: expect.stringMatching(/^application\/problem\+json/),
    });
    expect(response.body).toMatchObject({ status, code: expect.any(String), detail: expect.any(String) });
    if (secret !== undefined) expect(response.text).not.toContain(secret);
    expect(await eventCount(network)).toBe(before);
    return response;
  }
  const raw = (method: 'post' | 'put', path: string, text: string, key: Partner | string = ngo) =>
    network.http()[method](path).set(auth(key)).set('Content-Type', 'application/json').send(text) as unknown as PromiseLike<Response>;
  const send = (method: 'post' | 'put' | 'get', path: string, body?: object, key: Partner | string = ngo): PromiseLike<Response> => {
    const request = network.http()[method](path).set(auth(key));
    return body === undefined ? request : request.send(body);
  };
  const fields = (response: Response) => (response.body.errors as { field: string }[]).map((error) => error.field);

  describe('no 5xx from input', () => {
    it('refuses a NUL in a consent withdrawal reason (400 naming the field)', async () => {
      const response = await refused(
        () => raw('post', `/v1/cases/${caseId}/consents/${consentId}/withdrawal`, '{"reason":"r\\u0000"}'),
        400,
      );
      expect(response.body).toMatchObject({ code: 'REQUEST.VALIDATION', errors: [{ field: 'reason' }] });
    });

    it('refuses a NUL in an organisation name, and other control characters or a lone surrogate anywhere', async () => {
      const organisation = (name: string) =>
        JSON.stringify({ id: 'x-1', name: 'x', kind: 'ngo', department: '93', services: ['legal'] }).replace(
          '"name":"x"',
          `"name":"${name}"`,
        );
      for (const name of ['x\\u0000', 'x\\u001b[2J', 'x\\u007f', 'x\\u0085', 'x\\ud800'])
        expect(fields(await refused(() => raw('post', '/v1/organisations', organisation(name), network.adminKey), 400))).toEqual(['name']);
      const inPerson = JSON.stringify(identifyBody([], { consent: undefined })).replace('"givenName":"Awa"', '"givenName":"A\\u0000wa"');
      expect(fields(await refused(() => raw('post', '/v1/cases', inPerson), 400))).toEqual(['person.givenName']);
    });

    it('refuses a line break in a one-line field, and keeps it in free text', async () => {
      const refusedName = await refused(
        () => send('post', '/v1/cases', identifyBody([], { consent: undefined, person: { givenName: 'A\nwa' } })),
        400,
      );
      expect(fields(refusedName)).toEqual(['person.givenName']);
      const note = await network
        .http()
        .post(`/v1/cases/${caseId}/consents`)
        .set(auth(ngo))
        .send({ recipients: ['refuge-75'], categories: ['identity'], purposes: ['referral'], method: 'verbal' });
      expect(note.status).toBe(201);
      const withdrawal = await network
        .http()
        .post(`/v1/cases/${caseId}/consents/${(note.body as { consentId: string }).consentId}/withdrawal`)
        .set(auth(ngo))
        .send({ reason: 'She asked us to stop.\nCall back in a month.' });
      expect(withdrawal.status).toBe(200);
    });

    it('refuses a NUL in a path id before any query (PUT /v1/organisations/ngo-a%00x/capacity)', async () => {
      const capacity = { service: 'legal', total: 1, available: 1 };
      expect(fields(await refused(() => send('put', '/v1/organisations/ngo-a%00x/capacity', capacity), 400))).toEqual(['id']);
      await refused(() => send('post', '/v1/organisations/ngo-a%00x/api-keys', { role: 'partner' }, network.adminKey), 400);
      await refused(() => send('get', `/v1/cases/${caseId}%00`), 400);
    });

    it('refuses a body nested 5,000 deep before parsing it (400, the server still answering)', async () => {
      for (const text of ['['.repeat(5000) + ']'.repeat(5000), '{"a":'.repeat(5000) + '1' + '}'.repeat(5000)]) {
        const response = await refused(() => raw('post', '/v1/cases', text), 400);
        expect(response.body.code).toBe('REQUEST.TOO_DEEP');
      }
      expect((await network.http().get('/health/live')).status).toBe(200);
    });

    it('refuses a research ε outside 0.01–10 (1e-7 was a 500)', async () => {
      const query = (epsilon: unknown) => ({ groupBy: ['region'], filters: { from: '2026-01', to: '2026-12' }, epsilon });
      for (const epsilon of [1e-7, 0, -1, 11, 1e308]) {
        const response = await refused(() => send('post', '/v1/research/queries', query(epsilon), researcher), 400);
        expect(fields(response)).toEqual(['epsilon']);
      }
      await refused(() => send('post', '/v1/research/queries', query(0.0105), researcher), 422);
    });

    it('refuses a position or cursor beyond PostgreSQL’s bigint (a delivery log cursor was a 500)', async () => {
      const webhook = await network
        .http()
        .post('/v1/webhooks')
        .set(auth(ngo))
        .send({ url: 'http://127.0.0.1:9/hook', events: ['*'] });
      const id = (webhook.body as { id: string }).id;
      const beyond = '9999999999999999999';
      expect(fields(await refused(() => send('get', `/v1/webhooks/${id}/deliveries?cursor=${beyond}`), 400, beyond))).toEqual(['cursor']);
      expect(fields(await refused(() => send('post', `/v1/webhooks/${id}/replay`, { fromPosition: beyond }), 400, beyond))).toEqual([
        'fromPosition',
      ]);
      expect(fields(await refused(() => send('get', `/v1/inbox?minPosition=${beyond}`), 400, beyond))).toEqual(['minPosition']);
      expect((await network.http().get(`/v1/webhooks/${id}/deliveries?cursor=9223372036854775807`).set(auth(ngo))).status).toBe(200);
    });

    it('refuses an instant that is ISO 8601 but not an RFC 3339 date-time with its offset (2027-W01-1 was a 500), naming the field', async () => {
      const webhook = await network
        .http()
        .post('/v1/webhooks')
        .set(auth(ngo))
        .send({ url: 'http://127.0.0.1:9/instants', events: ['*'] });
      const webhookId = (webhook.body as { id: string }).id;
      const consent = { recipients: ['refuge-75'], categories: ['identity'], purposes: ['referral'], method: 'verbal' };
      const referral = { caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] };
      const placeRequest = { caseId, to: ['refuge-75', 'ngo-a'], service: 'shelter', urgency: 'urgent', sharedCategories: ['identity'] };
      // A week date, the basic form, an hour alone, a decimal comma, a day alone, a time with no offset.
      for (const instant of [
        '2027-W01-1',
        '20270601T120000Z',
        '2027-06-01T12',
        '2027-06-01T12:00:00,5Z',
        '2027-12-31',
        '2027-12-31T10:00:00',
      ]) {
        const cases: [() => PromiseLike<Response>, string][] = [
          [() => send('post', '/v1/referrals', { ...referral, respondBy: instant }), 'respondBy'],
          [() => send('post', `/v1/cases/${caseId}/consents`, { ...consent, expiresAt: instant }), 'expiresAt'],
          [
            () => send('post', '/v1/cases', identifyBody(['refuge-75'], { consent: { ...consent, expiresAt: instant } })),
            'consent.expiresAt',
          ],
          [() => send('post', '/v1/place-requests', { ...placeRequest, respondBy: instant }), 'respondBy'],
          [() => send('post', '/v1/organisations/ngo-a/api-keys', { role: 'partner', expiresAt: instant }, network.adminKey), 'expiresAt'],
          [() => send('post', `/v1/webhooks/${webhookId}/replay`, { since: instant }), 'since'],
        ];
        for (const [request, field] of cases) {
          const response = await refused(request, 400);
          expect({ instant, code: response.body.code, fields: fields(response) }).toEqual({
            instant,
            code: 'REQUEST.VALIDATION',
            fields: [field],
          });
        }
      }
    });

    it('refuses a day that does not exist in a coordination period', async () => {
      await refused(() => send('get', '/v1/coordination/gaps?from=2026-13-45', undefined, coordinator), 400, '2026-13-45');
      await refused(() => send('get', '/v1/coordination/gaps?from=2026-02-31', undefined, coordinator), 422, '2026-02-31');
    });
  });

  describe('validation gaps', () => {
    const person = (fields: object) =>
      identifyBody([], { consent: undefined, person: { givenName: 'Awa', familyName: 'Diallo', ...fields } });

    it('refuses a birth date in 2090 or before 1900', async () => {
      for (const birthDate of ['2090-01-01', '1899-12-31'])
        expect(fields(await refused(() => send('post', '/v1/cases', person({ birthDate })), 400, birthDate))).toEqual(['person.birthDate']);
    });

    it('refuses a name of white space only: an organisation’s, her given or family name', async () => {
      for (const blank of ['   ', '\u00a0\u3000']) {
        const organisation = { id: 'blank-1', name: blank, kind: 'ngo', department: '93', services: ['legal'] };
        expect(fields(await refused(() => send('post', '/v1/organisations', organisation, network.adminKey), 400))).toEqual(['name']);
        expect(fields(await refused(() => send('post', '/v1/cases', person({ givenName: blank })), 400))).toEqual(['person.givenName']);
        expect(fields(await refused(() => send('post', '/v1/cases', person({ familyName: blank })), 400))).toEqual(['person.familyName']);
      }
    });

    it('refuses nationality XX', async () => {
      expect(fields(await refused(() => send('post', '/v1/cases', person({ nationality: 'XX' })), 400))).toEqual(['person.nationality']);
    });

    it('refuses age band 0-17 with a 1960 birth date', async () => {
      const response = await refused(() => send('post', '/v1/cases', { ...person({ birthDate: '1960-01-01' }), ageBand: '0-17' }), 422);
      expect(response.body).toMatchObject({ code: 'CASE.AGE_BAND_MISMATCH', details: { field: 'ageBand' } });
    });

    it('keeps a phone number in E.164 and language tags in their standard case, as she may be called back', async () => {
      const created = await network
        .http()
        .post('/v1/cases')
        .set(auth(ngo))
        .send(person({ phone: '06 12 34 56 78', languages: ['FR-ci', 'prs'], nationality: 'AF', birthDate: '2001-11-30' }));
      expect(created.status).toBe(201);
      const seen = await network
        .http()
        .get(`/v1/cases/${(created.body as { caseId: string }).caseId}`)
        .set(auth(ngo));
      expect(seen.body.person).toMatchObject({ phone: '+33612345678', languages: ['fr-CI', 'prs'], nationality: 'AF' });
      for (const phone of ['123', '+33 1', 'call her'])
        expect(fields(await refused(() => send('post', '/v1/cases', person({ phone })), 400, phone))).toEqual(['person.phone']);
      expect(fields(await refused(() => send('post', '/v1/cases', person({ languages: ['fr', 'en_US'] })), 400))).toEqual([
        'person.languages',
      ]);
    });

    it('refuses a __proto__ member like any other unknown member, at any depth', async () => {
      const body = JSON.stringify(identifyBody([], { consent: undefined }));
      for (const text of [body.replace('{', '{"__proto__":{"isAdmin":true},'), body.replace('"person":{', '"person":{"constructor":{},')]) {
        const response = await refused(() => raw('post', '/v1/cases', text), 400);
        expect(response.body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/should not exist$/) })]);
      }
    });

    it('answers 415 to a text/plain body instead of reading it as {}', async () => {
      const response = await refused(
        () =>
          network
            .http()
            .post(`/v1/cases/${caseId}/consents/${consentId}/withdrawal`)
            .set(auth(ngo))
            .set('Content-Type', 'text/plain')
            .send('{"reason":"x"}'),
        415,
      );
      expect(response.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
      await refused(() => network.http().post('/v1/cases').set(auth(ngo)).type('form').send({ level: 'presumed' }), 415);
    });

    it('refuses a body on erasure, which takes none, and keeps her key', async () => {
      const response = await refused(() => send('post', `/v1/cases/${caseId}/erasure`, { everything: true }), 400);
      expect(fields(response)).toEqual(['everything']);
      expect(((await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo))).body as { erased: boolean }).erased).toBe(false);
    });
  });

  describe('errors never repeat what was sent', () => {
    it('a 10 kB id in a path', async () => {
      const id = 'a'.repeat(10_000);
      await refused(() => send('put', `/v1/organisations/${id}/capacity`, { service: 'legal', total: 1, available: 1 }), 400, 'aaaaaaaa');
      await refused(() => send('post', `/v1/organisations/${id}/api-keys`, { role: 'partner' }, network.adminKey), 400, 'aaaaaaaa');
      await refused(() => send('get', `/v1/referrals/${id}`), 400, 'aaaaaaaa');
      await refused(
        () => send('put', '/v1/organisations/ghost-org-4242/capacity', { service: 'legal', total: 1, available: 1 }),
        404,
        'ghost-org-4242',
      );
    });

    it('research filter values', async () => {
      const response = await refused(
        () =>
          send(
            'post',
            '/v1/research/queries',
            { groupBy: ['service'], filters: { from: '2026-01', to: '2026-12', region: 'Wilhelmina' } },
            researcher,
          ),
        422,
        'Wilhelmina',
      );
      expect(response.body).toMatchObject({ code: 'RESEARCH.UNKNOWN_VALUE', details: { filter: 'region' } });
      await refused(
        () => send('post', '/v1/research/queries', { groupBy: ['region'], filters: { from: '2026-07', to: '2026-02' } }, researcher),
        422,
        '2026-07',
      );
    });

    it('dates', async () => {
      await refused(() => send('get', '/v1/coordination/funnel?from=2026-12-31&to=2026-01-01', undefined, coordinator), 422, '2026-12-31');
      const past = '2020-05-17T08:00:00.000Z';
      const expired = { recipients: ['refuge-75'], categories: ['identity'], purposes: ['referral'], method: 'verbal', expiresAt: past };
      await refused(() => send('post', `/v1/cases/${caseId}/consents`, expired), 422, '2020-05-17');
      const late = { caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'], respondBy: past };
      await refused(() => send('post', '/v1/referrals', late), 422, '2020-05-17');
    });

    it('unknown receiver and recipient ids', async () => {
      const referral = { caseId, to: 'ghost-receiver-77', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] };
      const response = await refused(() => send('post', '/v1/referrals', referral), 422, 'ghost-receiver-77');
      expect(response.body).toMatchObject({ code: 'REFERRAL.UNKNOWN_RECEIVER', details: { field: 'to' } });
      const grant = { recipients: ['refuge-75', 'ghost-recipient-78'], categories: ['identity'], purposes: ['referral'], method: 'verbal' };
      await refused(() => send('post', `/v1/cases/${caseId}/consents`, grant), 422, 'ghost-recipient-78');
    });

    it('unknown member names, unless a DTO could have declared them', async () => {
      const response = await refused(
        () => send('post', '/v1/cases', { ...identifyBody([], { consent: undefined }), 'Wilhelmina Ostrogradsky': 1 }),
        400,
        'Wilhelmina',
      );
      expect(response.body.errors).toEqual([{ field: '(unnamed member)', message: 'property (unnamed member) should not exist' }]);
    });
  });
});
