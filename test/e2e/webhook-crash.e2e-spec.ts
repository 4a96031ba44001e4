import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { createPostgresEventStore, type PostgresEventStore } from '@passerelle/event-store';
import type { RuntimeSettings } from '@passerelle/config';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { SecretBox, WebhookEndpointStore } from '@passerelle/webhooks';
import { Pool } from 'pg';
import { spawnTypeScript, waitForLine } from '../../apps/webhook-dispatcher/src/testing/spawn-typescript';
import { eventually } from '../../libs/bus/src/testing/eventually';
import { TestReceiver } from '../../libs/webhooks/src/testing';

const CHILD = resolve(__dirname, '../../apps/webhook-dispatcher/src/testing/dispatcher-child.ts');
const EVENTS = 200;

/** The dispatcher as its own process, killed with SIGKILL while a batch is in flight, then started again. */
describe('the webhook dispatcher killed mid-batch', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let pool: Pool;
  let receiver: TestReceiver;
  const children: ChildProcess[] = [];
  const masterKey = randomBytes(32).toString('base64');
  let slowDown = true;

  const startDispatcher = async () => {
    const settings: RuntimeSettings = {
      databaseUrl: database.url,
      masterKey,
      linkageKey: randomBytes(32).toString('base64'),
      bootstrapAdminKey: null,
      bodyLimit: '100kb',
      logLevel: 'error',
      readYourWritesTimeoutMs: 5000,
      // A short timeout keeps the dead process's leases (twice the timeout) short.
      webhooks: { retryScheduleMs: [0, 200, 400, 800, 1600, 3200], allowLoopback: true, timeoutMs: 1_000 },
    };
    const child = spawnTypeScript(CHILD, { ...process.env, PASSERELLE_TEST_SETTINGS: JSON.stringify(settings) });
    children.push(child);
    await waitForLine(child, 'dispatcher ready');
    return child;
  };
  const referralMade = (referralId: string) => ({
    eventId: randomUUID(),
    type: 'ReferralMade',
    data: {
      referralId,
      caseId: randomUUID(),
      from: 'asso-93',
      to: 'refuge-75',
      service: 'shelter',
      urgency: 'urgent',
      sharedCategories: [],
      message: null,
      respondBy: null,
    },
    metadata: {
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      actor: { organisationId: 'asso-93', role: 'partner', keyId: null },
      correlationId: randomUUID(),
      causationId: null,
      scope: { 'asso-93': [], 'refuge-75': [] },
    },
  });

  beforeAll(async () => {
    database = await createTestDatabase('webhook_crash');
    store = await createPostgresEventStore({ connectionString: database.url });
    pool = new Pool({ connectionString: database.url, max: 2 });
    receiver = await TestReceiver.start();
    // Once a fifth of the backlog is through, answers take 800 ms (under the 1 s timeout): the kill
    // then always lands while deliveries are in flight, whatever the machine's speed.
    receiver.behave = () => ({ status: 204, delayMs: slowDown && receiver.processed.size >= EVENTS / 5 ? 800 : 5 });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await receiver.down();
    await pool.end();
    await store.close();
    await database.drop();
  });

  it('loses nothing: every event reaches the receiver after a SIGKILL and a restart', async () => {
    const first = await startDispatcher();
    const registered = await new WebhookEndpointStore(pool, new SecretBox(masterKey)).register({
      id: randomUUID(),
      organisationId: 'refuge-75',
      url: receiver.url(),
      events: ['*'],
      headPosition: await store.headPosition(),
    });
    receiver.secrets = [registered.secret];
    const appended: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const event = referralMade(randomUUID());
      appended.push(event.eventId);
      await store.appendToStream(`referral-${event.data.referralId}`, [event], { expectedRevision: 'no_stream' });
    }

    await eventually(() => expect(receiver.processed.size).toBeGreaterThanOrEqual(EVENTS / 5), 30_000);
    first.kill('SIGKILL');
    await new Promise((done) => first.once('exit', done));
    expect(receiver.processed.size).toBeLessThan(EVENTS);
    // Mid-batch: the dead process still holds claims on deliveries it was sending.
    const {
      rows: [held],
    } = await pool.query<{ n: string }>("SELECT count(*)::text AS n FROM webhook_deliveries WHERE status = 'delivering'");
    expect(Number(held?.n)).toBeGreaterThan(0);

    slowDown = false;
    await startDispatcher();
    await eventually(() => expect(receiver.processed.size).toBe(EVENTS), 60_000);
    expect([...receiver.processed.keys()].sort()).toEqual([...appended].sort());
    expect(receiver.invalid).toEqual([]);
    await eventually(async () => {
      const { rows: now } = await pool.query<{ status: string; n: string }>(
        'SELECT status, count(*)::text AS n FROM webhook_deliveries GROUP BY status',
      );
      expect(now).toEqual([{ status: 'delivered', n: String(EVENTS) }]);
    });
  });
});
