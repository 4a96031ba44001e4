import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** Issue 12, deliverable 5: what every answer of the API carries, and the limits on who may ask how often. */
describe('transport hygiene', () => {
  describe('headers', () => {
    let network: TestNetwork;
    let ngo: Partner;

    beforeAll(async () => {
      network = await startTestNetwork();
      ngo = await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] });
      await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    });
    afterAll(() => network.close());

    it('marks every /v1 answer Cache-Control: no-store, errors and refusals before any route included', async () => {
      const created = await network
        .http()
        .post('/v1/cases')
        .set(auth(ngo))
        .send(identifyBody(['refuge-75']));
      const answers = [
        created,
        await network
          .http()
          .get(`/v1/cases/${(created.body as { caseId: string }).caseId}`)
          .set(auth(ngo)),
        await network.http().get('/v1/inbox?direction=received').set(auth(ngo)),
        await network.http().get('/v1/me'),
        await network.http().get('/v1/no-such-route').set(auth(ngo)),
        await network.http().post('/v1/cases').set(auth(ngo)).set('Content-Type', 'application/json').send('{"person":'),
        await network.http().post('/v1/cases').set(auth(ngo)).set('Content-Type', 'text/plain').send('hello'),
      ];
      expect(answers.map((answer) => [answer.status, answer.headers['cache-control']])).toEqual([
        [201, 'no-store'],
        [200, 'no-store'],
        [200, 'no-store'],
        [401, 'no-store'],
        [404, 'no-store'],
        [400, 'no-store'],
        [415, 'no-store'],
      ]);
    });

    it('echoes a caller’s X-Request-Id when it is a UUID, and gives one to every other answer', async () => {
      const mine = '0b6f3d2e-8c1a-4f7e-9a55-3c2d1e0f9b8a';
      const given = await network.http().get('/v1/me').set(auth(ngo)).set('X-Request-Id', mine);
      expect(given.headers['x-request-id']).toBe(mine);
      const fresh = await network.http().get('/v1/me').set(auth(ngo));
      // Words could be her name, and the id goes into the logs: replaced.
      const malformed = await network.http().get('/health/live').set('X-Request-Id', 'wilhelmina-ostrogradsky-call-3');
      expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(malformed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Set([fresh.headers['x-request-id'], malformed.headers['x-request-id']]).size).toBe(2);
    });
  });

  describe('rate limits', () => {
    let network: TestNetwork;
    let ngo: Partner;
    let other: Partner;

    beforeAll(async () => {
      // Small limits so the test reaches them; a minute-long window outlives the test.
      network = await startTestNetwork({
        rateLimits: { perKey: { limit: 5, windowMs: 60_000 }, perAddress: { limit: 40, windowMs: 60_000 } },
      });
      ngo = await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] });
      other = await onboard(network, { id: 'ngo-b', kind: 'ngo', department: '75', services: ['legal'] });
    });
    afterAll(() => network.close());

    it('refuses a key past its limit with a 429 problem and Retry-After, while another key goes on', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await network.http().get('/v1/me').set(auth(ngo))).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await network.http().get('/v1/inbox?direction=received').set(auth(ngo));
      expect(refused.status).toBe(429);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ status: 429, code: 'REQUEST.RATE_LIMITED', retryAfter: expect.any(Number) });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect((await network.http().get('/v1/me').set(auth(other))).status).toBe(200);
    });

    it('refuses an address past its limit, keys or not (guessing keys included), but never /health', async () => {
      let status = 0;
      for (let i = 0; i < 40 && status !== 429; i++)
        status = (
          await network
            .http()
            .get('/v1/me')
            .set('Authorization', `Bearer psk_guess_${String(i).padStart(30, '0')}`)
        ).status;
      expect(status).toBe(429);
      expect((await network.http().get('/v1/me')).status).toBe(429);
      expect((await network.http().get('/health/live')).status).toBe(200);
    });
  });
});
