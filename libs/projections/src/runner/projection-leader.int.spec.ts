import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '../../../event-store/src/postgres';
import type { NewEvent, RecordedEvent } from '@passerelle/event-store';
import type { DataSource } from 'typeorm';
import { createReadModelDataSource } from '../read-model.data-source';
import { metadata } from '../testing/inbox-events.fixtures';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import type { Projection } from './projection';
import { ProjectionLeader } from './projection-leader';
import { ProjectionRunner } from './projection-runner';

/** Counts how many times each event is applied, so that "no duplicates" is a query. */
const NAME = 'counting';
const counting: Projection = {
  name: NAME,
  handles: ['Counted'],
  async applyBatch(manager, events) {
    for (const event of events) {
      await manager.query(
        'INSERT INTO counted (position, times) VALUES ($1, 1) ON CONFLICT (position) DO UPDATE SET times = counted.times + 1',
        [event.globalPosition.toString()],
      );
    }
  },
};
const events = (count: number): NewEvent[] =>
  Array.from({ length: count }, () => ({ eventId: randomUUID(), type: 'Counted', data: {}, metadata: metadata() }));
const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

/** Waits for a condition; the limit only turns a hang into a readable failure. */
async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** One projector instance as a process would have it: its own store, DataSource, runner and leader. */
interface Instance {
  runner: ProjectionRunner;
  leader: ProjectionLeader;
  close(): Promise<void>;
}

describe('projection leaders across projector instances', () => {
  let fx: ReadModelFixture;
  const instances: Instance[] = [];

  const instance = async (): Promise<Instance> => {
    const store = await createPostgresEventStore({ connectionString: fx.db.url, poolSize: 2 });
    const dataSource: DataSource = await createReadModelDataSource(fx.db.url, []).initialize();
    const runner = new ProjectionRunner({ projection: counting, store, dataSource, logger: quiet, backoff: { initialMs: 10, maxMs: 40 } });
    const leader = new ProjectionLeader({
      connectionString: fx.db.url,
      name: NAME,
      intervalMs: 100,
      logger: quiet,
      lead: () => runner.start(),
      resign: () => runner.stop(),
    });
    await leader.start();
    const created = {
      runner,
      leader,
      close: async () => {
        await leader.stop();
        await store.close();
        await dataSource.destroy();
      },
    };
    instances.push(created);
    return created;
  };
  const append = (batch: NewEvent[]) => fx.store.appendToStream(`counted-${randomUUID()}`, batch, { expectedRevision: 'no_stream' });
  const counted = async () =>
    fx.dataSource.query<{ position: string; times: number }[]>('SELECT position, times FROM counted ORDER BY position');
  const expectEachCountedOnce = async () => {
    const positions = (await fx.store.readAll()).map((event: RecordedEvent) => [String(event.globalPosition), 1]);
    expect((await counted()).map((row) => [row.position, row.times])).toEqual(positions);
  };
  /** What a crash does to the leader's lock: PostgreSQL ends its session. */
  const killLeaderSession = async () => {
    const killed: unknown[] = await fx.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(killed).toHaveLength(1);
  };

  beforeEach(async () => {
    fx = await openReadModelFixture('projection_leader');
    await fx.dataSource.query('CREATE TABLE counted (position bigint PRIMARY KEY, times int NOT NULL)');
  });
  afterEach(async () => {
    await Promise.all(instances.splice(0).map((created) => created.close()));
    await fx.close();
  });

  it('runs the projection in one instance only, the first to start', async () => {
    const [first, second] = [await instance(), await instance()];
    const { position } = await append(events(10));
    expect(await first.runner.waitForPosition(position, 10_000)).toBe(true);
    expect([first.leader.isLeading, second.leader.isLeading]).toEqual([true, false]);
    expect((await second.runner.status()).state).toBe('stopped');
    await expectEachCountedOnce();
  });

  it('lets a follower take over when the leader’s session dies, and the read model keeps up without duplicates', async () => {
    const [first, second] = [await instance(), await instance()];
    const { position: before } = await append(events(20));
    expect(await first.runner.waitForPosition(before, 10_000)).toBe(true);

    await killLeaderSession();
    await append(events(15)); // while nobody leads, or the old leader is still resigning
    await eventually(() => second.leader.isLeading, 'the follower to lead');
    const { position: head } = await append(events(25));

    expect(await second.runner.waitForPosition(head, 10_000)).toBe(true);
    expect(first.leader.isLeading).toBe(false);
    expect((await first.runner.status()).state).toBe('stopped');
    await expectEachCountedOnce();
    expect(await counted()).toHaveLength(60);
  });

  it('takes the lead back in the old leader once it reconnects and the new one stops', async () => {
    const [first, second] = [await instance(), await instance()];
    await killLeaderSession();
    await eventually(() => second.leader.isLeading, 'the follower to lead');
    await second.leader.stop();
    await eventually(() => first.leader.isLeading, 'the first instance to lead again');
    const { position } = await append(events(5));
    expect(await first.runner.waitForPosition(position, 10_000)).toBe(true);
    await expectEachCountedOnce();
  });
});
