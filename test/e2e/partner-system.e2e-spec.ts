import { createPasserelleClient } from '@passerelle/client';
import { freePort } from '@passerelle/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import { startPartnerSystem, type PartnerSystem } from '../../examples/partner-system/src/partner-system';
import { eventually } from '../../libs/bus/src/testing/eventually';
import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/**
 * examples/partner-system as a partner would run it: its own PostgreSQL database, the SDK over real
 * HTTP to a listening network, signed webhooks from the real dispatcher. It answers referrals made to
 * its organisation by its rule, once per webhook-id, and refuses what it cannot verify.
 */
describe('the sample partner system (examples/partner-system)', () => {
  let network: TestNetwork;
  let partnerDatabase: TestDatabase;
  let pool: Pool;
  let system: PartnerSystem;
  let ngo: Partner;
  let refuge: Partner;
  let baseUrl: string;

  beforeAll(async () => {
    network = await startTestNetwork();
    await network.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(network.app.getHttpServer().address() as AddressInfo).port}`;
    ngo = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['specialised_shelter', 'legal'] });
    // Its own declared capacity: no place left for legal help, none counted for shelter.
    const declared = await network
      .http()
      .put('/v1/organisations/refuge-75/capacity')
      .set(auth(refuge))
      .send({ service: 'legal', total: 2, available: 0 });
    expect(declared.status).toBeLessThan(300);
    await eventually(async () => {
      const { body } = await network.http().get('/v1/organisations').set(auth(ngo));
      expect(body.items.find((o: { id: string }) => o.id === 'refuge-75').capacity).toEqual([
        expect.objectContaining({ service: 'legal', available: 0 }),
      ]);
    });
    partnerDatabase = await createTestDatabase('partner_system');
    pool = new Pool({ connectionString: partnerDatabase.url, max: 4 });
    system = await startPartnerSystem({
      passerelle: createPasserelleClient({ baseUrl, apiKey: refuge.key }),
      pool,
      port: await freePort(),
    });
  });

  afterAll(async () => {
    await system.close();
    await pool.end();
    await partnerDatabase.drop();
    await network.close();
  });

  const refer = async (service: string) => {
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(identifyBody(['refuge-75']));
    const referral = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId: identified.body.caseId, to: 'refuge-75', service, urgency: 'urgent', sharedCategories: ['identity'] });
    expect(referral.status).toBe(201);
    return referral.body.referralId as string;
  };
  const referralSeenBySender = async (referralId: string) => (await network.http().get(`/v1/referrals/${referralId}`).set(auth(ngo))).body;
  const partnerRows = async (sql: string, values: unknown[] = []) => (await pool.query(sql, values)).rows;

  it('registers its endpoint once, with the SDK, and keeps the secret in its own database', async () => {
    expect(system.organisationId).toBe('refuge-75');
    const endpoints = await network.http().get('/v1/webhooks').set(auth(refuge));
    expect(endpoints.body.items).toEqual([
      expect.objectContaining({ id: system.endpointId, url: system.webhookUrl, events: ['referral.made.v1'] }),
    ]);
    expect(await partnerRows('SELECT url, endpoint_id FROM partner_endpoint')).toEqual([
      { url: system.webhookUrl, endpoint_id: system.endpointId },
    ]);
  });

  it('accepts a referral it has room for: the sender sees it accepted', async () => {
    const referralId = await refer('specialised_shelter');
    await eventually(async () => expect(await referralSeenBySender(referralId)).toMatchObject({ status: 'accepted' }));
    expect(await partnerRows('SELECT action, reason FROM partner_decisions WHERE referral_id = $1', [referralId])).toEqual([
      { action: 'accept', reason: null },
    ]);
  });

  it('declines no_capacity when its declared capacity for the service is 0', async () => {
    const referralId = await refer('legal');
    await eventually(async () =>
      expect(await referralSeenBySender(referralId)).toMatchObject({ status: 'declined', declineReason: 'no_capacity' }),
    );
  });

  it('acts once when the network replays every webhook: the redelivery is counted, not acted on', async () => {
    const referralId = await refer('specialised_shelter');
    await eventually(async () => expect(await referralSeenBySender(referralId)).toMatchObject({ status: 'accepted' }));
    const [{ webhook_id: webhookId }] = await partnerRows('SELECT webhook_id FROM partner_decisions WHERE referral_id = $1', [referralId]);
    const replay = await network.http().post(`/v1/webhooks/${system.endpointId}/replay`).set(auth(refuge)).send({ fromPosition: '0' });
    expect(replay.status).toBe(202);
    await eventually(async () =>
      expect(await partnerRows('SELECT deliveries FROM partner_webhooks WHERE webhook_id = $1', [webhookId])).toEqual([{ deliveries: 2 }]),
    );
    expect(await partnerRows('SELECT action FROM partner_decisions WHERE referral_id = $1', [referralId])).toEqual([{ action: 'accept' }]);
    expect((await referralSeenBySender(referralId)).notes.filter((n: { event: string }) => n.event === 'ReferralAccepted')).toHaveLength(1);
  });

  it('refuses a forged webhook with 401 and does nothing about it', async () => {
    const referralId = await refer('specialised_shelter');
    await eventually(async () => expect(await referralSeenBySender(referralId)).toMatchObject({ status: 'accepted' }));
    const eventId = randomUUID();
    const body = JSON.stringify({
      type: 'referral.made.v1',
      eventId,
      referralId,
      streamRevision: '0',
      globalPosition: '1',
      occurredAt: new Date().toISOString(),
    });
    const now = new Date();
    const forger = new Webhook(`whsec_${randomBytes(32).toString('base64')}`);
    const headers = {
      'content-type': 'application/json',
      'webhook-id': eventId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    };
    const post = (extra: Record<string, string>) => fetch(system.webhookUrl, { method: 'POST', body, headers: { ...headers, ...extra } });
    expect((await post({ 'webhook-signature': forger.sign(eventId, now, body) })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect(await partnerRows('SELECT webhook_id FROM partner_webhooks WHERE webhook_id = $1', [eventId])).toEqual([]);
  });

  it('runs on the document the network serves: libs/sdk/openapi.json is /docs-json', async () => {
    const served = await (await fetch(`${baseUrl}/docs-json`)).json();
    expect(served).toEqual(JSON.parse(readFileSync(join(__dirname, '../../libs/sdk/openapi.json'), 'utf8')));
  });
});
