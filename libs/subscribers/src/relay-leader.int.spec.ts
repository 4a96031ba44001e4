import { randomUUID } from 'node:crypto';
import { InProcessBus, type BusMessage, type BusSubscription, type MessageBus } from '@passerelle/bus';
import { INTEGRATION_EVENTS_TOPIC, type IntegrationMessage } from '@passerelle/contracts';
import type { NewEvent } from '@passerelle/event-store';
import { createReadModelDataSource, type ProjectionLeaders } from '@passerelle/projections';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createPostgresEventStore, type PostgresEventStore } from '../../event-store/src/postgres';
import { openReadModelFixture, type ReadModelFixture } from '../../projections/src/testing/read-model.fixture';
import { relayUnderLeaderElection } from './relay-leader';
import { newEvent, referralMade } from './testing/relay-events.fixtures';

/*
 * Two relay instances, as two replicas of deploy/k8s/relay.yaml would run: each with its own event
 * store, read-model pool and leader connection (named `passerelle-relay-<label>-…` in
 * pg_stat_activity, so that one can be killed), both publishing to one bus. The bus is the
 * in-process one, shared as Kafka would be; each relay publishes through a wrapper that records
 * what reached the bus and can hold a publish half-way, or never let it through (a killed process).
 */
const referralEvents = (referralId: string): NewEvent[] => [
  referralMade(referralId),
  newEvent('ReferralAccepted', { referralId, by: 'refuge-75', note: 'sealed' }),
  newEvent('ReferralClosed', { referralId, by: 'refuge-75', outcome: 'service_provided', note: 'sealed' }),
];

/** Waits for a condition; the limit only turns a hang into a readable failure. */
async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What one relay hands the shared bus, with a hand on its next publish. */
class RelayBus implements MessageBus {
  private held: { arrived: () => void; release: Promise<void>; let: () => void } | null = null;
  private waiting: (() => void) | null = null;
  private dead = false;

  constructor(
    private readonly label: string,
    private readonly bus: MessageBus,
    private readonly published: { relay: string; message: BusMessage }[],
  ) {}

  /** The next publish waits, before reaching the bus, until `release()`; `reached` resolves once it waits. */
  holdNext(): { reached: Promise<void>; release: () => void } {
    let arrived: () => void = () => undefined;
    let release: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    this.held = { arrived, release: new Promise<void>((resolve) => (release = resolve)), let: () => release() };
    return { reached, release };
  }

  /** The process is gone: nothing it publishes from now on, the held publish included, reaches the bus. */
  die(): void {
    this.dead = true;
    this.held?.let();
    this.waiting?.();
  }

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    const held = this.held;
    if (held) {
      this.held = null;
      this.waiting = held.let;
      held.arrived();
      await held.release;
      this.waiting = null;
    }
    if (this.dead) throw new Error(`relay ${this.label} was killed: this publish never reached the bus`);
    for (const message of messages) this.published.push({ relay: this.label, message });
    await this.bus.publish(topic, messages);
  }

  subscribe(): Promise<BusSubscription> {
    throw new Error('the relay only publishes');
  }

  async close(): Promise<void> {
    // The shared bus outlives each relay.
  }
}

interface Relay {
  label: string;
  bus: RelayBus;
  leaders: ProjectionLeaders;
  leading(): boolean;
  close(): Promise<void>;
}

describe('two relays', () => {
  let fx: ReadModelFixture;
  let bus: InProcessBus;
  let sql: Client;
  let published: { relay: string; message: BusMessage }[];
  let delivered: BusMessage[];
  const relays: Relay[] = [];
  const expected: { referralId: string; eventIds: string[] }[] = [];
  const quiet = { log: () => undefined, warn: () => undefined, error: () => undefined };

  const withApplicationName = (url: string, name: string) => {
    const parsed = new URL(url);
    parsed.searchParams.set('application_name', name);
    return parsed.toString();
  };

  const startRelay = async (label: string): Promise<Relay> => {
    const url = fx.db.url;
    const store: PostgresEventStore = await createPostgresEventStore({
      connectionString: withApplicationName(url, `passerelle-relay-${label}-listener`),
      service: `relay-${label}`,
      poolSize: 2,
    });
    const dataSource: DataSource = await createReadModelDataSource(url, [], { service: `relay-${label}` }).initialize();
    const relayBus = new RelayBus(label, bus, published);
    const { leaders } = relayUnderLeaderElection({
      store,
      dataSource,
      bus: relayBus,
      connectionString: withApplicationName(url, `passerelle-relay-${label}-leader`),
      runner: { logger: quiet, backoff: { initialMs: 10, maxMs: 40 } },
      leader: { intervalMs: 100, logger: quiet },
    });
    await leaders.start();
    const relay: Relay = {
      label,
      bus: relayBus,
      leaders,
      leading: () => leaders.leading().length > 0,
      close: async () => {
        await leaders.stop().catch(() => undefined);
        await store.close().catch(() => undefined);
        if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      },
    };
    relays.push(relay);
    return relay;
  };

  /** Ends every connection of a relay, as the death of its process would. */
  const terminate = async (pattern: string) => {
    await sql.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE $1', [pattern]);
  };

  const appendReferrals = async (count: number) => {
    for (let n = 0; n < count; n += 1) {
      const referralId = randomUUID();
      const events = referralEvents(referralId);
      expected.push({ referralId, eventIds: events.map((e) => e.eventId) });
      // One event per append, interleaved with other referrals' appends by the loop: many batches.
      for (const [revision, one] of events.entries()) {
        await fx.store.appendToStream(`referral-${referralId}`, [one], {
          expectedRevision: revision === 0 ? 'no_stream' : BigInt(revision - 1),
        });
      }
    }
  };
  const publishedIds = () => published.map(({ message }) => message.id);
  const allPublished = () => {
    const ids = new Set(publishedIds());
    return expected.every(({ eventIds }) => eventIds.every((id) => ids.has(id)));
  };
  const revisionsByKey = (messages: readonly BusMessage[]) => {
    const byKey = new Map<string, string[]>();
    for (const m of messages) byKey.set(m.key, [...(byKey.get(m.key) ?? []), (m.value as IntegrationMessage).event.streamRevision]);
    return Object.fromEntries(byKey);
  };
  const inOrderPerKey = () => Object.fromEntries(expected.map(({ referralId }) => [referralId, ['0', '1', '2']]));

  const expectEachPublishedOnceInOrder = () => {
    const ids = publishedIds();
    expect(ids.length).toBe(new Set(ids).size);
    expect([...ids].sort()).toEqual(expected.flatMap(({ eventIds }) => eventIds).sort());
    expect(revisionsByKey(published.map(({ message }) => message))).toEqual(inOrderPerKey());
    expect(revisionsByKey(delivered)).toEqual(inOrderPerKey());
  };

  beforeEach(async () => {
    fx = await openReadModelFixture('two_relays');
    sql = new Client({ connectionString: fx.db.url });
    await sql.connect();
    bus = new InProcessBus();
    published = [];
    delivered = [];
    expected.length = 0;
    await bus.subscribe({
      topic: INTEGRATION_EVENTS_TOPIC,
      group: 'spec',
      fromBeginning: true,
      handler: async (m) => void delivered.push(m),
    });
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.close()));
    await bus.close();
    await sql.end();
    await fx.close();
  });

  it('publish every integration event exactly once, in order per key, while the leading one is killed half-way through a batch', async () => {
    const a = await startRelay('a');
    const b = await startRelay('b');
    expect([a.leading(), b.leading()]).toEqual([true, false]);

    await appendReferrals(5);
    await eventually(allPublished, 'the first referrals to be published');
    const held = a.bus.holdNext();
    await appendReferrals(5);
    await held.reached; // a is publishing a batch, which has not reached the bus

    a.bus.die();
    await terminate('passerelle-relay-a-%');
    void a.leaders.stop().catch(() => undefined); // nothing of a goes on: its runner and leader stop
    await eventually(() => b.leading(), 'b to take over');
    await appendReferrals(5);
    await eventually(allPublished, 'every referral to be published');
    await eventually(() => delivered.length === expected.length * 3, 'the consumer group to receive them');

    expectEachPublishedOnceInOrder();
    expect(new Set(published.map(({ relay }) => relay))).toEqual(new Set(['a', 'b']));
  });

  it('publish nothing twice when the leader loses its lock half-way through a batch and finishes it', async () => {
    const a = await startRelay('a');
    const b = await startRelay('b');
    await appendReferrals(3);
    await eventually(allPublished, 'the first referrals to be published');
    const held = a.bus.holdNext();
    await appendReferrals(3);
    await held.reached;

    // Only a's lock session ends (a network cut on that connection): a does not know yet and goes on.
    await terminate('passerelle-relay-a-leader');
    await eventually(() => b.leading(), 'b to take over');
    // b's first batch overlaps a's: it waits on the relay's checkpoint row, which a holds.
    await eventually(async () => {
      const { rows } = await sql.query<{ waiting: number }>(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE application_name = 'passerelle-relay-b-read-model' AND wait_event_type = 'Lock'`,
      );
      return (rows[0]?.waiting ?? 0) > 0;
    }, 'b to wait for the checkpoint row');
    held.release();
    await appendReferrals(3);
    await eventually(allPublished, 'every referral to be published');
    await eventually(() => delivered.length === expected.length * 3, 'the consumer group to receive them');

    expectEachPublishedOnceInOrder();
  });
});
