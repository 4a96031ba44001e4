import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '@passerelle/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { Client } from 'pg';
import { createPostgresEventStore, type PostgresEventStore } from '../../../libs/event-store/src/postgres';
import { aMetadata } from '../../../libs/event-store/src/testing';
import { spawnService, type ServiceProcess } from '../../../libs/runtime/src/testing/spawn-service';

/**
 * The projector as its own process (`node dist/apps/projector/src/main.js`), alone and two at a
 * time on one database: one leads each projection, and when it is killed the other takes over.
 */
const key = () => randomBytes(32).toString('base64');

async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await sleep(100);
  }
}

describe('the projector service', () => {
  let database: TestDatabase;
  let store: PostgresEventStore;
  let sql: Client;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('projector_main');
    store = await createPostgresEventStore({ connectionString: database.url, poolSize: 2 });
    sql = new Client({ connectionString: database.url });
    await sql.connect();
  });
  afterAll(async () => {
    running.forEach((service) => service.child.kill('SIGKILL'));
    await Promise.all(running.map((service) => service.exited));
    await sql.end();
    await store.close();
    await database.drop();
  });

  const environment = { DATABASE_URL: '', PASSERELLE_MASTER_KEY: key(), PASSERELLE_LINKAGE_KEY: key(), LOG_LEVEL: 'info' };
  const start = async () => {
    const port = await freePort();
    const service = spawnService('projector', { ...environment, DATABASE_URL: database.url, PORT: String(port) });
    running.push(service);
    await service.waitFor(/projector is running on/);
    const base = `http://127.0.0.1:${port}`;
    return {
      service,
      metrics: () => fetch(`${base}/metrics`).then((response) => response.text()),
      health: () => fetch(`${base}/health`),
      live: () => fetch(`${base}/health/live`),
    };
  };
  const leadsDirectory = (metrics: string) => metrics.includes('passerelle_projection_leader{projection="directory"} 1');
  const register = async (count: number) => {
    let position = -1n;
    for (let n = 0; n < count; n += 1) {
      const organisationId = `org-${randomUUID()}`;
      const data = { organisationId, name: `Organisation ${n}`, kind: 'ngo', department: '93', services: ['legal'] };
      ({ position } = await store.appendToStream(
        `organisation-${organisationId}`,
        [{ eventId: randomUUID(), type: 'OrganisationRegistered', data, metadata: aMetadata() }],
        { expectedRevision: 'no_stream' },
      ));
    }
    return position;
  };
  const directory = async () => {
    const { rows } = await sql.query<{ organisations: string; checkpoint: string }>(
      `SELECT (SELECT count(*) FROM directory_organisations) AS organisations,
              (SELECT position FROM projection_checkpoints WHERE name = 'directory') AS checkpoint`,
    );
    return { organisations: Number(rows[0]?.organisations), checkpoint: BigInt(rows[0]?.checkpoint ?? -1) };
  };

  it('runs alone with /health and /metrics, and stores its checkpoints when stopped with SIGTERM', async () => {
    const alone = await start();
    expect((await alone.health()).status).toBe(200);
    expect((await alone.live()).status).toBe(200);
    expect(leadsDirectory(await alone.metrics())).toBe(true);
    const head = await register(5);
    await eventually(async () => (await directory()).checkpoint === head, 'the directory to reach the head');

    alone.service.child.kill('SIGTERM');
    expect(await alone.service.exited).toEqual({ code: 0, signal: null });
    expect(alone.service.output().stdout).toMatch(/"context":"Shutdown","message":"SIGTERM: taking no new requests/);
    expect(await directory()).toEqual({ organisations: 5, checkpoint: head });
  });

  it('lets a second instance take over the projections when the leader is killed, and the read model keeps up', async () => {
    const before = await directory();
    const first = await start();
    const second = await start();
    await eventually(async () => leadsDirectory(await first.metrics()), 'the first instance to lead');
    expect(leadsDirectory(await second.metrics())).toBe(false);
    await register(10);

    first.service.child.kill('SIGKILL');
    await first.service.exited;
    const head = await register(10);
    await eventually(async () => leadsDirectory(await second.metrics()), 'the second instance to lead');
    await eventually(async () => (await directory()).checkpoint === head, 'the directory to reach the head');

    expect(await directory()).toEqual({ organisations: before.organisations + 20, checkpoint: head });
    expect(await (await second.health()).json()).toMatchObject({ status: 'ok' });
  });

  it('marks the read models failed in /health and /metrics while their checkpoints belong to another store, and recovers once reset', async () => {
    running.forEach((service) => service.child.kill('SIGKILL'));
    await Promise.all(running.map((service) => service.exited));
    await sql.query(`UPDATE projection_checkpoints SET store_id = $1 WHERE name = 'directory'`, [randomUUID()]);
    const alone = await start();
    await eventually(async () => (await alone.health()).status === 503, '/health to say not ready');

    expect(await (await alone.health()).json()).toMatchObject({
      status: 'error',
      error: { projections: { status: 'down', message: expect.stringContaining('directory') } },
    });
    expect(await alone.metrics()).toContain('passerelle_projection_failed{projection="directory"} 1');
    expect(alone.service.output().stdout).toMatch(
      /"context":"Projection:read-models".*CheckpointFromAnotherStoreError: The checkpoint of directory was taken on event store [0-9a-f-]+, not on this one/,
    );

    await sql.query(`UPDATE projection_checkpoints SET store_id = NULL WHERE name = 'directory'`);
    await eventually(async () => (await alone.health()).status === 200, '/health to be ready again');
    expect(await alone.metrics()).toContain('passerelle_projection_failed{projection="directory"} 0');
  });
});
