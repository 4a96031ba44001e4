import { randomBytes } from 'node:crypto';
import { freePort } from '@passerelle/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { spawnService } from '../../../libs/runtime/src/testing/spawn-service';

/**
 * `npm start` with DATABASE_URL, as a user runs it: the API on the main thread, the projector,
 * relay and webhook dispatcher on the background thread. What a user sees: a referral reaches the
 * receiver's inbox, /metrics reports the read models, SIGTERM stops everything cleanly.
 */
describe('npm start (the standalone service with its background thread)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('standalone_main');
  });
  afterAll(() => database.drop());

  it('projects a referral into the receiver inbox from the background thread, reports it in /metrics and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const adminKey = `psk_${randomBytes(32).toString('base64url')}`;
    const key = () => randomBytes(32).toString('base64');
    const service = spawnService('standalone', {
      DATABASE_URL: database.url,
      PORT: String(port),
      PASSERELLE_BOOTSTRAP_ADMIN_KEY: adminKey,
      PASSERELLE_MASTER_KEY: key(),
      PASSERELLE_LINKAGE_KEY: key(),
      LOG_LEVEL: 'warn',
    });
    try {
      await service.waitFor(/Passerelle is running/);
      const base = `http://127.0.0.1:${port}`;
      const call = async (method: string, path: string, bearer: string, body?: unknown) => {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${bearer}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      };
      for (const org of [
        { id: 'ngo-main', name: 'NGO', kind: 'ngo', department: '93', services: ['legal'] },
        { id: 'refuge-main', name: 'Refuge', kind: 'refuge', department: '75', services: ['shelter'] },
      ])
        expect((await call('POST', '/v1/organisations', adminKey, org)).status).toBe(201);
      const ngo = (await call('POST', '/v1/organisations/ngo-main/api-keys', adminKey, { role: 'partner' })).body.key as string;
      const refuge = (await call('POST', '/v1/organisations/refuge-main/api-keys', adminKey, { role: 'partner' })).body.key as string;
      const identified = await call('POST', '/v1/cases', ngo, {
        person: { givenName: 'Test', familyName: 'Person' },
        level: 'presumed',
        indicators: ['isolated'],
        department: '93',
        ageBand: '25-34',
        safety: { doNotContact: false, safeChannel: 'phone' },
        consent: { recipients: ['refuge-main'], categories: ['identity'], purposes: ['referral'], expiresAt: null, method: 'verbal' },
      });
      expect(identified.status).toBe(201);
      const referred = await call('POST', '/v1/referrals', ngo, {
        caseId: identified.body.caseId,
        to: 'refuge-main',
        service: 'shelter',
        urgency: 'urgent',
        sharedCategories: ['identity'],
      });
      expect(referred.status).toBe(201);

      const inbox = await call('GET', `/v1/inbox?direction=received&minPosition=${referred.body.position as string}`, refuge);
      expect(inbox.status).toBe(200);
      expect(inbox.body.items).toEqual([
        expect.objectContaining({
          referralId: referred.body.referralId,
          status: 'referred',
          person: expect.objectContaining({ givenName: 'Test' }),
        }),
      ]);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).toMatch(/passerelle_projection_checkpoint\{projection="inbox"\} \d+/);
      expect(metrics).toMatch(/passerelle_http_request_duration_seconds_count/);
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await service.exited).toEqual({ code: 0, signal: null });
  });
});
