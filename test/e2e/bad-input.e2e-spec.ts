import fc from 'fast-check';
import { auth, eventCount, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

describe('bad input gets a clear 4xx problem and writes nothing', () => {
  let network: TestNetwork;
  let ngo: Partner;
  let coordinator: Partner;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    coordinator = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] }, 'coordinator');
    caseId = (
      await network
        .http()
        .post('/v1/cases')
        .set(auth(ngo))
        .send(identifyBody(['refuge-75']))
    ).body.caseId;
    referralId = (
      await network
        .http()
        .post('/v1/referrals')
        .set(auth(ngo))
        .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] })
    ).body.referralId;
  });
  afterAll(() => network.close());

  const expectProblem = (response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  };

  it('names each invalid field, including nested ones and unknown enum values', async () => {
    const before = await eventCount(network);
    const response = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(
        identifyBody(['refuge-75'], {
          indicators: ['trafficking_sexual', 'not_an_indicator'],
          department: '999',
          person: { givenName: 'A', birthDate: '02/03/1994' },
        }),
      );
    expectProblem(response, 400);
    const fields = (response.body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['indicators', 'department', 'person.birthDate']));
    expect(JSON.stringify(response.body)).not.toContain('02/03/1994');
    expect(await eventCount(network)).toBe(before);
  });

  it('names a required object that was left out (her person, her safety, a research period) instead of failing on it', async () => {
    const researcher = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] }, 'researcher');
    const before = await eventCount(network);
    for (const member of ['person', 'safety'] as const) {
      const body = Object.fromEntries(Object.entries(identifyBody(['refuge-75'])).filter(([key]) => key !== member));
      const response = await network.http().post('/v1/cases').set(auth(ngo)).send(body);
      expectProblem(response, 400);
      expect(response.body.errors).toEqual([expect.objectContaining({ field: member })]);
    }
    const query = await network
      .http()
      .post('/v1/research/queries')
      .set(auth(researcher))
      .send({ groupBy: ['region'] });
    expectProblem(query, 400);
    expect(query.body.errors).toEqual([expect.objectContaining({ field: 'filters' })]);
    expect(await eventCount(network)).toBe(before);
  });

  it('refuses unknown fields instead of dropping them', async () => {
    const response = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send({ ...identifyBody(['refuge-75']), isAdmin: true });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'isAdmin' })]));
  });

  it('answers malformed JSON with 400 and an oversized body with 413', async () => {
    // Each with its own code: a bare REQUEST.BAD_REQUEST told a partner nothing of what to mend.
    for (const text of ['{"person": ', '{"person": {}}}', "{'person': {}}", 'null', '42']) {
      const malformed = await network.http().post('/v1/cases').set(auth(ngo)).set('Content-Type', 'application/json').send(text);
      expectProblem(malformed, 400);
      expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
    }
    const huge = { ...identifyBody(['refuge-75']), padding: 'x'.repeat(200_000) };
    expectProblem(await network.http().post('/v1/cases').set(auth(ngo)).send(huge), 413);
  });

  it('answers 401 without a valid key and 403 for the wrong role', async () => {
    expectProblem(
      await network
        .http()
        .post('/v1/cases')
        .send(identifyBody(['refuge-75'])),
      401,
    );
    expectProblem(
      await network.http().post('/v1/cases').set('Authorization', 'Bearer psk_forged_key_that_does_not_exist').send(identifyBody([])),
      401,
    );
    expectProblem(
      await network
        .http()
        .post('/v1/cases')
        .set(auth(coordinator))
        .send(identifyBody(['refuge-75'])),
      403,
    );
    expectProblem(
      await network
        .http()
        .post('/v1/organisations')
        .set(auth(ngo))
        .send({ id: 'x-1', name: 'X', kind: 'ngo', department: '93', services: ['legal'] }),
      403,
    );
  });

  it('says at /v1/me which role and organisation a key stands for, and answers 401 without one', async () => {
    const me = await network.http().get('/v1/me').set(auth(ngo));
    expect({ status: me.status, body: me.body }).toEqual({
      status: 200,
      body: { principal: 'api_key', role: 'partner', organisationId: 'asso-93', organisationKind: 'ngo' },
    });
    expectProblem(await network.http().get('/v1/me'), 401);
  });

  it('replays the first answer to a retried Idempotency-Key and appends nothing', async () => {
    const body = identifyBody(['refuge-75']);
    const first = await network.http().post('/v1/cases').set(auth(ngo)).set('Idempotency-Key', 'identify-0001').send(body);
    const after = await eventCount(network);
    const retry = await network.http().post('/v1/cases').set(auth(ngo)).set('Idempotency-Key', 'identify-0001').send(body);
    expect(retry.status).toBe(first.status);
    expect(retry.body).toEqual(first.body);
    expect([first.headers['idempotent-replayed'], retry.headers['idempotent-replayed']]).toEqual([undefined, 'true']);
    expect(await eventCount(network)).toBe(after);
    // The same JSON written by another serialiser, members in another order, is the same request.
    const reordered = Object.fromEntries(
      Object.entries(body)
        .reverse()
        .map(([name, value]) => [
          name,
          value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
        ]),
    );
    const reorderedRetry = await network.http().post('/v1/cases').set(auth(ngo)).set('Idempotency-Key', 'identify-0001').send(reordered);
    expect({ status: reorderedRetry.status, body: reorderedRetry.body }).toEqual({ status: first.status, body: first.body });
    expect(await eventCount(network)).toBe(after);
    const reused = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .set('Idempotency-Key', 'identify-0001')
      .send({ ...body, ageBand: '18-24' });
    expectProblem(reused, 422);
    expect(await eventCount(network)).toBe(after);
  });

  it('frees the Idempotency-Key of a refused request: corrected, the same key goes through, once', async () => {
    const body = identifyBody(['refuge-75']);
    const send = (sent: object) => network.http().post('/v1/cases').set(auth(ngo)).set('Idempotency-Key', 'identify-refused-1').send(sent);
    const before = await eventCount(network);
    expectProblem(await send({ ...body, level: 'certain-ish' }), 400);
    expectProblem(await send(identifyBody(['no-such-organisation'])), 422);
    expect(await eventCount(network)).toBe(before);
    const accepted = await send(body);
    expect(accepted.status).toBe(201);
    const replayed = await send(body);
    expect({ status: replayed.status, body: replayed.body, replayed: replayed.headers['idempotent-replayed'] }).toEqual({
      status: 201,
      body: accepted.body,
      replayed: 'true',
    });
    expect(await eventCount(network)).toBeGreaterThan(before);
  });

  it('answers 409 to a move the referral state forbids, and 404 to a missing referral', async () => {
    const closeTooEarly = await network
      .http()
      .post(`/v1/referrals/${referralId}/closure`)
      .set(auth(ngo))
      .send({ outcome: 'service_provided' });
    expectProblem(closeTooEarly, 409);
    expectProblem(
      await network.http().post('/v1/referrals/3f1c0e0e-0000-4000-8000-000000000000/decline').set(auth(ngo)).send({ reason: 'other' }),
      404,
    );
    expectProblem(await network.http().post('/v1/referrals/not-a-uuid/decline').set(auth(ngo)).send({ reason: 'other' }), 400);
  });

  it('names a path id that is not a UUID, as it names a field of a body', async () => {
    const before = await eventCount(network);
    const refusals: [() => PromiseLike<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }>, string][] = [
      [() => network.http().get('/v1/cases/not-a-uuid').set(auth(ngo)), 'caseId'],
      [() => network.http().post(`/v1/cases/${caseId}/consents/not-a-uuid/withdrawal`).set(auth(ngo)).send({}), 'consentId'],
      [() => network.http().get('/v1/referrals/not-a-uuid').set(auth(ngo)), 'id'],
      [() => network.http().post('/v1/referrals/not-a-uuid/acceptance').set(auth(ngo)).send({}), 'id'],
      [() => network.http().delete('/v1/organisations/asso-93/api-keys/not-a-uuid').set(auth(network.adminKey)), 'keyId'],
    ];
    for (const [send, field] of refusals) {
      const response = await send();
      expectProblem(response, 400);
      expect(response.body).toMatchObject({ code: 'REQUEST.VALIDATION', errors: [{ field, message: `${field} must be a UUID` }] });
    }
    expect(await eventCount(network)).toBe(before);
  });

  it('refuses an inbox cursor it did not hand out with one answer, 400 naming cursor, whatever its characters', async () => {
    // 'garbage' and 'MDAx' (base64url of "001") used to be a 422 INBOX.BAD_CURSOR, 'eyJhIjoxfQ==' a 400.
    for (const cursor of ['garbage', 'MDAx', 'eyJhIjoxfQ==', '-1', 'x'.repeat(65)]) {
      const response = await network.http().get(`/v1/inbox?direction=sent&cursor=${cursor}`).set(auth(ngo));
      expectProblem(response, 400);
      expect({ cursor, code: response.body.code, errors: response.body.errors }).toEqual({
        cursor,
        code: 'REQUEST.VALIDATION',
        errors: [{ field: 'cursor', message: 'cursor must be a nextCursor returned by this endpoint' }],
      });
    }
    // A cursor of the inbox's own making ('MA' stands for position 0) is still read.
    expect((await network.http().get('/v1/inbox?direction=sent&cursor=MA').set(auth(ngo))).status).toBe(200);
  });

  it('reads a UUID written in capitals as the same id, in a path or in a body', async () => {
    const caseRead = await network.http().get(`/v1/cases/${caseId.toUpperCase()}`).set(auth(ngo));
    expect({ status: caseRead.status, caseId: caseRead.body.caseId }).toEqual({ status: 200, caseId });
    const referralRead = await network.http().get(`/v1/referrals/${referralId.toUpperCase()}`).set(auth(ngo));
    expect({ status: referralRead.status, referralId: referralRead.body.referralId }).toEqual({ status: 200, referralId });
    const made = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId: caseId.toUpperCase(), to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] });
    expect(made.status).toBe(201);
    const referral = await network
      .http()
      .get(`/v1/referrals/${(made.body as { referralId: string }).referralId}`)
      .set(auth(ngo));
    expect(referral.body.caseId).toBe(caseId);
  });

  it('never answers 5xx nor writes an event, whatever junk is thrown at the command endpoints', async () => {
    const before = await eventCount(network);
    const paths = [
      '/v1/cases',
      '/v1/referrals',
      `/v1/referrals/${referralId}/decline`,
      `/v1/referrals/${referralId}/closure`,
      `/v1/cases/${caseId}/consents`,
      '/v1/organisations',
      `/v1/organisations/asso-93/capacity`,
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.anything({ maxDepth: 3 }), async (path, junk) => {
        const method = path.endsWith('/capacity') ? 'put' : 'post';
        const response = await network
          .http()
          [method](path)
          .set(auth(ngo))
          .set('Content-Type', 'application/json')
          .send((JSON.stringify(junk) as string | undefined) ?? 'undefined');
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await eventCount(network)).toBe(before);
  });
});
