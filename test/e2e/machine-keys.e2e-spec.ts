import { Pool } from 'pg';
import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** Polls `check` until it holds or `withinMs` passes; returns how long it took, or null if it never held. */
async function heldWithin(withinMs: number, check: () => Promise<boolean>): Promise<number | null> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > withinMs) return null;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Machine keys (issue 11): listed without secrets, issued with a default one-year expiry, revoked
 * everywhere within one second — in this process and in a second API process with its own pool and
 * its own cache, as production runs several.
 */
describe('machine keys', () => {
  let network: TestNetwork;
  let second: TestNetwork;
  let ngo: Partner;
  const admin = () => ({ Authorization: `Bearer ${network.adminKey}` });

  beforeAll(async () => {
    network = await startTestNetwork();
    second = await startTestNetwork({ ...network.settings }, { database: network.database });
    ngo = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
  });
  afterAll(async () => {
    await second.close();
    await network.close();
  });

  it('lists an organisation’s keys with who issued them and when they expire, never a secret', async () => {
    const issued = await network
      .http()
      .post('/v1/organisations/asso-93/api-keys')
      .set(admin())
      .send({ role: 'partner', label: 'case system', expiresAt: null });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      id: expect.any(String),
      key: expect.stringMatching(/^psk_/),
      role: 'partner',
      label: 'case system',
    });
    const inAYear = Date.now() + 365 * 24 * 3600 * 1000;
    expect(Math.abs(Date.parse(issued.body.expiresAt as string) - inAYear)).toBeLessThan(60_000);

    expect(
      (
        await network
          .http()
          .get('/v1/me')
          .set(auth(issued.body.key as string))
      ).status,
    ).toBe(200);
    const listed = await network.http().get('/v1/organisations/asso-93/api-keys').set(admin());
    expect(listed.status).toBe(200);
    const item = (listed.body.items as Record<string, unknown>[]).find((key) => key.id === issued.body.id);
    expect(item).toEqual({
      id: issued.body.id,
      label: 'case system',
      role: 'partner',
      createdBy: expect.stringMatching(/^key:/),
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      expiresAt: issued.body.expiresAt,
      revokedAt: null,
    });
    expect(listed.text).not.toContain(issued.body.key);
    expect(listed.text).not.toContain(ngo.key);
  });

  it('refuses a revoked key at once here, and within one second in another process that had it cached', async () => {
    const issued = await network
      .http()
      .post('/v1/organisations/asso-93/api-keys')
      .set(admin())
      .send({ role: 'partner', label: 'to revoke' });
    const key = issued.body.key as string;
    // Both processes have verified (and cached) the key.
    for (const process of [network, second]) expect((await process.http().get('/v1/inbox').set(auth(key))).status).toBe(200);

    const revoked = await network
      .http()
      .delete(`/v1/organisations/asso-93/api-keys/${issued.body.id as string}`)
      .set(admin());
    expect(revoked.status).toBe(204);
    expect((await network.http().get('/v1/inbox').set(auth(key))).status).toBe(401);
    const took = await heldWithin(1000, async () => (await second.http().get('/v1/inbox').set(auth(key))).status === 401);
    expect(took).not.toBeNull();
    console.log(`revoked key refused by the second process after ${took} ms`);
    const listed = await network.http().get('/v1/organisations/asso-93/api-keys').set(admin());
    expect(
      (listed.body.items as { id: string; revokedAt: string | null }[]).find((k) => k.id === issued.body.id)?.revokedAt,
    ).not.toBeNull();
    // Revoking again is a no-op; an unknown key is a 404, and an id that is not a key id a 400 naming it.
    expect(
      (
        await network
          .http()
          .delete(`/v1/organisations/asso-93/api-keys/${issued.body.id as string}`)
          .set(admin())
      ).status,
    ).toBe(204);
    const unknown = await network.http().delete('/v1/organisations/asso-93/api-keys/3f1c0e0e-0000-4000-8000-000000000000').set(admin());
    expect(unknown.body.code).toBe('API_KEY.NOT_FOUND');
    const malformed = await network.http().delete('/v1/organisations/asso-93/api-keys/nope').set(admin());
    expect(malformed.body).toMatchObject({ status: 400, code: 'REQUEST.VALIDATION', errors: [{ field: 'keyId' }] });
  });

  it('refuses an expired key in every process, even one that had it cached', async () => {
    const issued = await network
      .http()
      .post('/v1/organisations/asso-93/api-keys')
      .set(admin())
      .send({ role: 'partner', label: 'expiring' });
    const key = issued.body.key as string;
    for (const process of [network, second]) expect((await process.http().get('/v1/inbox').set(auth(key))).status).toBe(200);
    const pool = new Pool({ connectionString: network.database.url, max: 1 });
    await pool.query(`UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE key_id = $1`, [issued.body.id]);
    await pool.end();
    for (const process of [network, second]) {
      expect(await heldWithin(1000, async () => (await process.http().get('/v1/inbox').set(auth(key))).status === 401)).not.toBeNull();
    }
  });

  it('refuses a key that would expire in the past, and a role the organisation may not hold', async () => {
    const past = await network
      .http()
      .post('/v1/organisations/asso-93/api-keys')
      .set(admin())
      .send({ role: 'partner', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.body).toMatchObject({ status: 422, code: 'API_KEY.EXPIRY_IN_PAST' });
    const network_admin = await network.http().post('/v1/organisations/asso-93/api-keys').set(admin()).send({ role: 'network_admin' });
    expect(network_admin.body).toMatchObject({ status: 422, code: 'API_KEY.ROLE_NOT_ALLOWED' });
    expect((await network.http().get('/v1/organisations/asso-93/api-keys').set(auth(ngo))).status).toBe(403);
  });

  it('answers the network admin 404, as for a route that does not exist, on every case and referral route', async () => {
    const { caseId } = (await network.http().post('/v1/cases').set(auth(ngo)).send(identifyBody([]))).body as { caseId: string };
    const absent = await network.http().get('/v1/no-such-route').set(admin());
    const document = (await network.http().get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths)
      .filter(([path]) => /^\/v1\/(cases|referrals|inbox|place-requests)|^\/fhir\/r4\/(Task|Patient|Consent|ServiceRequest)/.test(path))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ method, path })));
    // The FHIR facade's case and referral resources, whether or not the OpenAPI document lists them.
    for (const path of [
      '/fhir/r4/Task',
      '/fhir/r4/Task/{id}',
      '/fhir/r4/Patient/{id}',
      '/fhir/r4/Consent',
      '/fhir/r4/Consent/{id}',
      '/fhir/r4/ServiceRequest/{id}',
    ]) {
      if (!routes.some((route) => route.path === path && route.method === 'get')) routes.push({ method: 'get', path });
    }
    if (!routes.some((route) => route.path === '/fhir/r4/Task/{id}' && route.method === 'put'))
      routes.push({ method: 'put', path: '/fhir/r4/Task/{id}' });
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const { method, path } of routes) {
      const url = path.replace('{caseId}', caseId).replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const call = network.http()[method as 'get' | 'post' | 'put'](url).set(admin());
      const answer = method === 'get' ? await call : await call.send({});
      // FHIR routes answer in their own format; what matters is the same 404 as for nothing there.
      const expected = path.startsWith('/fhir/') ? { status: 404 } : { status: 404, body: absent.body as unknown };
      const got = path.startsWith('/fhir/') ? { status: answer.status } : { status: answer.status, body: answer.body as unknown };
      expect({ route: `${method} ${path}`, ...got }).toEqual({ route: `${method} ${path}`, ...expected });
    }
  });
});
