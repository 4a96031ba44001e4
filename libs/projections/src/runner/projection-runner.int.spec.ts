import { randomUUID } from 'node:crypto';
import type { NewEvent, RecordedEvent } from '@passerelle/event-store';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { metadata } from '../testing/inbox-events.fixtures';
import { readCheckpoint } from './checkpoint-store';
import type { Projection } from './projection';
import { ProjectionRunner } from './projection-runner';
import type { ProjectionRunnerOptions } from './projection-runner.options';

/**
 * A projection that counts how many times each event was applied, one row per event, so that
 * "exactly once" is a query. It throws on a Poison event while `poisoned` is set, after writing
 * the rows of the events before it in the batch: those must roll back with the checkpoint.
 */
const NAME = 'counting';
let poisoned = false;
const counting: Projection = {
  name: NAME,
  handles: ['Counted', 'Poison'],
  async applyBatch(manager, events) {
    for (const event of events) {
      if (event.type === 'Poison' && poisoned) throw new Error('poisoned event');
      await manager.query(
        `INSERT INTO counted (position, times) VALUES ($1, 1)
         ON CONFLICT (position) DO UPDATE SET times = counted.times + 1`,
        [event.globalPosition.toString()],
      );
    }
  },
};

const event = (type: string): NewEvent => ({ eventId: randomUUID(), type, data: { n: randomUUID() }, metadata: metadata() });
const events = (type: string, count: number) => Array.from({ length: count }, () => event(type));

describe('ProjectionRunner', () => {
  let fx: ReadModelFixture;
  const runners: ProjectionRunner[] = [];
  const silent = { log: () => undefined, error: () => undefined };
  const runner = (options: Partial<ProjectionRunnerOptions> = {}) => {
    const created = new ProjectionRunner({
      projection: counting,
      store: fx.store,
      dataSource: fx.dataSource,
      logger: silent,
      backoff: { initialMs: 10, maxMs: 40 },
      ...options,
    });
    runners.push(created);
    return created;
  };
  const append = (stream: string, batch: NewEvent[]) => fx.store.appendToStream(stream, batch, { expectedRevision: 'any' });
  const counted = async () =>
    await fx.dataSource.query<{ position: string; times: number }[]>('SELECT position, times FROM counted ORDER BY position');
  const positionsOf = async (type: string) =>
    (await fx.store.readAll())
      .filter((recorded: RecordedEvent) => recorded.type === type)
      .map((recorded) => String(recorded.globalPosition));

  beforeEach(async () => {
    poisoned = false;
    fx = await openReadModelFixture('projections_runner');
    await fx.dataSource.query('CREATE TABLE counted (position bigint PRIMARY KEY, times int NOT NULL)');
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((created) => created.stop()));
    await fx.close();
  });

  describe('given appended events', () => {
    it('applies handled events once and moves the checkpoint past unhandled ones too', async () => {
      const projector = runner();
      await projector.start();
      await append('a-1', events('Counted', 3));
      const { position: head } = await append('b-1', [event('Counted'), event('Unrelated')]);

      expect(await projector.waitForPosition(head, 10_000)).toBe(true);
      expect((await counted()).map((row) => [row.position, row.times])).toEqual(
        (await positionsOf('Counted')).map((position) => [position, 1]),
      );
      expect(await readCheckpoint(fx.dataSource, NAME)).toBe(head);
      expect(await projector.status()).toMatchObject({ name: NAME, state: 'running', checkpoint: head, lag: 0n });
    });
  });

  describe('when a batch fails to apply', () => {
    it('commits neither its rows nor the checkpoint, then after a restart applies every event exactly once', async () => {
      poisoned = true;
      let failures = 0;
      let secondFailure: () => void = () => undefined;
      const failedTwice = new Promise<void>((resolve) => (secondFailure = resolve));
      const projector = runner({ onError: () => ++failures === 2 && secondFailure() });
      // One append, so the poison event shares its batch with events before it.
      const { position: head } = await append('a-1', [...events('Counted', 5), event('Poison'), ...events('Counted', 3)]);
      await projector.start();
      await failedTwice; // failed, restarted from the stored checkpoint, failed again

      const checkpoint = await readCheckpoint(fx.dataSource, NAME);
      const [poison] = await positionsOf('Poison');
      expect(checkpoint).toBeLessThan(BigInt(poison ?? 0));
      expect((await counted()).every((row) => BigInt(row.position) <= checkpoint && row.times === 1)).toBe(true);
      expect((await projector.status()).failures).toBeGreaterThanOrEqual(2);

      poisoned = false;
      expect(await projector.waitForPosition(head, 10_000)).toBe(true);
      expect((await counted()).map((row) => [row.position, row.times])).toEqual(
        [...(await positionsOf('Counted')), ...(await positionsOf('Poison'))]
          .sort((a, b) => Number(BigInt(a) - BigInt(b)))
          .map((position) => [position, 1]),
      );
    });
  });

  describe('when a runner stops and a new one starts', () => {
    it('resumes from the checkpoint with no event lost or applied twice', async () => {
      const first = runner();
      await first.start();
      const { position: before } = await append('a-1', events('Counted', 20));
      expect(await first.waitForPosition(before, 10_000)).toBe(true);
      await first.stop();
      await append('a-1', events('Counted', 7));
      const { position: head } = await append('b-1', events('Counted', 5));

      const second = runner();
      await second.start();
      expect(await second.waitForPosition(head, 10_000)).toBe(true);
      const rows = await counted();
      expect(rows).toHaveLength(32);
      expect(rows.every((row) => row.times === 1)).toBe(true);
    });
  });

  describe('when two runners of the same projection run at once', () => {
    it('applies each event once between them', async () => {
      const [one, two] = [runner({ batchSize: 7 }), runner({ batchSize: 11 })];
      await Promise.all([one.start(), two.start()]);
      let head = -1n;
      for (let stream = 0; stream < 10; stream += 1) head = (await append(`s-${stream}`, events('Counted', 9))).position;

      expect(await one.waitForPosition(head, 10_000)).toBe(true);
      expect(await two.waitForPosition(head, 10_000)).toBe(true);
      const rows = await counted();
      expect(rows).toHaveLength(90);
      expect(rows.filter((row) => row.times !== 1)).toEqual([]);
    });
  });

  describe('given a group of projections sharing one runner', () => {
    /** A second projection that writes its own table: a group member with its own checkpoint. */
    const tally: Projection = {
      name: 'tally',
      handles: ['Counted'],
      async applyBatch(manager, batch) {
        await manager.query('INSERT INTO tallied (position) SELECT unnest($1::bigint[])', [batch.map((e) => e.globalPosition.toString())]);
      },
    };
    const tallied = async () =>
      (await fx.dataSource.query<{ position: string }[]>('SELECT position FROM tallied ORDER BY position')).map((r) => r.position);

    beforeEach(() => fx.dataSource.query('CREATE TABLE tallied (position bigint PRIMARY KEY)'));

    it('gives each member every event after its own checkpoint exactly once, and stores each checkpoint', async () => {
      const { position: early } = await append('a-1', events('Counted', 4));
      // The tally was rebuilt up to `early` already: it must not see those four again.
      await fx.dataSource.query(`INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ('tally', $1, now())`, [
        early.toString(),
      ]);
      const group = runner({ projection: [counting, tally], name: 'group' });
      await group.start();
      const { position: head } = await append('b-1', [...events('Counted', 3), event('Unrelated')]);

      expect(await group.waitForPosition(head, 10_000)).toBe(true);
      const all = await positionsOf('Counted');
      expect((await counted()).map((row) => [row.position, row.times])).toEqual(all.map((position) => [position, 1]));
      expect(await tallied()).toEqual(all.filter((position) => BigInt(position) > early));
      expect(await readCheckpoint(fx.dataSource, NAME)).toBe(head);
      expect(await readCheckpoint(fx.dataSource, 'tally')).toBe(head);
      expect((await group.memberStatuses()).map((status) => [status.name, status.checkpoint])).toEqual([
        [NAME, head],
        ['tally', head],
      ]);
    });

    it('rolls every member back when one fails, then applies each event once after the restart', async () => {
      poisoned = true;
      let failed: () => void = () => undefined;
      const failure = new Promise<void>((resolve) => (failed = resolve));
      const group = runner({ projection: [tally, counting], name: 'group', onError: () => failed() });
      const { position: head } = await append('a-1', [...events('Counted', 2), event('Poison'), ...events('Counted', 2)]);
      await group.start();
      await failure;
      expect(await tallied()).toEqual([]);
      expect(await counted()).toEqual([]);

      poisoned = false;
      expect(await group.waitForPosition(head, 10_000)).toBe(true);
      expect(await tallied()).toEqual(await positionsOf('Counted'));
      expect((await counted()).every((row) => row.times === 1)).toBe(true);
    });
  });

  describe('when its checkpoint does not belong to the store it runs on', () => {
    const until = async (condition: () => boolean, what: string) => {
      const deadline = Date.now() + 30_000;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    it('checkpoint beyond the head: refuses to start there, reports itself failed in one line, and starts once the checkpoint is reset', async () => {
      const { position: head } = await append('a-1', events('Counted', 2));
      await fx.dataSource.query('INSERT INTO projection_checkpoints (name, position, updated_at) VALUES ($1, $2, now())', [
        NAME,
        (head + 500n).toString(),
      ]);
      const errors: unknown[] = [];
      const projector = runner({ onError: (error) => errors.push(error) });
      await projector.start();
      await until(() => errors.length > 0, 'the refusal');

      const status = await projector.status();
      expect(status.failed).toBe(true);
      expect(status.lastError).toMatch(
        /^CheckpointPastHeadError: The checkpoint of counting is at \d+, past the last event of the event store \(\d+\)/,
      );
      expect(status.lastError).not.toContain('\n');
      expect(await counted()).toEqual([]);

      await fx.dataSource.query('UPDATE projection_checkpoints SET position = -1, store_id = NULL WHERE name = $1', [NAME]);
      expect(await projector.waitForPosition(head, 10_000)).toBe(true);
      expect((await counted()).map((row) => row.times)).toEqual([1, 1]);
      expect((await projector.status()).failed).toBe(false);
    });

    it('records the store with every checkpoint, and refuses a checkpoint taken on another store', async () => {
      const first = runner();
      await first.start();
      const { position: head } = await append('a-1', events('Counted', 3));
      expect(await first.waitForPosition(head, 10_000)).toBe(true);
      await first.stop();
      const stored = async () =>
        (await fx.dataSource.query<{ store_id: string }[]>('SELECT store_id FROM projection_checkpoints WHERE name = $1', [NAME]))[0]
          ?.store_id;
      expect(await stored()).toBe(await fx.store.identity());

      const other = randomUUID();
      await fx.dataSource.query('UPDATE projection_checkpoints SET store_id = $2 WHERE name = $1', [NAME, other]);
      const errors: unknown[] = [];
      const second = runner({ onError: (error) => errors.push(error) });
      await second.start();
      await until(() => errors.length > 0, 'the refusal');
      expect(errors[0]).toMatchObject({ code: 'PROJECTION.CHECKPOINT_FROM_ANOTHER_STORE', projection: NAME, checkpointStore: other });
      expect((await second.status()).failed).toBe(true);
      await append('a-1', events('Counted', 1));
      expect(await counted()).toHaveLength(3);
    });
  });

  describe('waiting for a position (read-your-writes)', () => {
    it('resolves true once the appended event is projected, in-process and from another process', async () => {
      const projector = runner();
      await projector.start();
      const { position } = await append('a-1', [event('Counted')]);

      await expect(ProjectionRunner.waitForCheckpoint(fx.dataSource, NAME, position, 10_000)).resolves.toBe(true);
      await expect(projector.waitForPosition(position, 10_000)).resolves.toBe(true);
    });

    it('resolves false when the position is not reached in time', async () => {
      const projector = runner();
      await projector.start();
      const { position } = await append('a-1', [event('Counted')]);

      await expect(projector.waitForPosition(position + 1_000n, 150)).resolves.toBe(false);
      await expect(ProjectionRunner.waitForCheckpoint(fx.dataSource, NAME, position + 1_000n, 150)).resolves.toBe(false);
    });
  });
});
