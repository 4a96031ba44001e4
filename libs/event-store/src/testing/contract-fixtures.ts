import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent, Subscription } from '../event-store.port';
import type { FaultControls } from './fault-controls';

/** One instance of an adapter, with its fault controls if it can inject faults. */
export interface ContractStoreInstance {
  store: EventStore;
  /** Undefined when the adapter cannot inject faults; the fault parts of the suite then say so and skip. */
  faults?: FaultControls;
}

/** What an adapter hands to the contract suite. */
export interface ContractStoreHandle extends ContractStoreInstance {
  /**
   * Optional second instance on the same storage, as another process would open it. When given,
   * the ordering trap spreads its writers over both: an adapter that serialises writes inside one
   * process can only fall into the trap with writers in two processes.
   */
  peer?: ContractStoreInstance;
  /** False for an adapter that checks `alsoExpect` just before the append instead of atomically with it. */
  atomicConditions?: boolean;
  /**
   * Writes, under `streamName`, an event Passerelle did not write (not JSON, no envelope), as another
   * application sharing the server could. Absent when the adapter's storage cannot hold one.
   */
  writeForeignEvent?: (streamName: string) => Promise<void>;
  /**
   * For a store that writes rows alongside its events (EventStore.writesRowsAlongside): a table of
   * its database, `<name> (id uuid PRIMARY KEY, note text NOT NULL, secret bytea NULL)`, and its rows read back.
   */
  rowTable?: RowTable;
  /** Closes the store, the peer and whatever storage the factory created. */
  teardown(): Promise<void>;
}

export interface RowTable {
  name: string;
  /** Every row, `secret` as hex (null when absent). */
  rows(): Promise<{ id: string; note: string; secret: string | null }[]>;
}

export type ContractStoreFactory = () => Promise<ContractStoreHandle>;

/**
 * The store shared by the cases of one contract run. Cases use fresh stream names, and cases that
 * look at the global order only look after the head they noted first (jest runs them one by one).
 */
export class ContractContext {
  private handle: ContractStoreHandle | undefined;

  constructor(
    readonly adapterName: string,
    readonly factory: ContractStoreFactory,
  ) {}

  get store(): EventStore {
    if (!this.handle) throw new Error('The contract store is not ready: beforeAll did not run');
    return this.handle.store;
  }

  get atomicConditions(): boolean {
    return this.handle?.atomicConditions ?? true;
  }

  get faults(): FaultControls | undefined {
    return this.handle?.faults;
  }

  get rowTable(): RowTable | undefined {
    return this.handle?.rowTable;
  }

  get writeForeignEvent(): ((streamName: string) => Promise<void>) | undefined {
    return this.handle?.writeForeignEvent;
  }

  /** The writers' view: the store itself, plus its peer instance when the adapter gave one. */
  get instances(): ContractStoreInstance[] {
    const { store, faults, peer } = this.handle ?? {};
    if (!store) throw new Error('The contract store is not ready: beforeAll did not run');
    return peer ? [{ store, faults }, peer] : [{ store, faults }];
  }

  async open(): Promise<void> {
    this.handle = await this.factory();
  }

  async close(): Promise<void> {
    await this.handle?.teardown();
    this.handle = undefined;
  }
}

export function aStreamName(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

export function aMetadata(overrides: Partial<EventMetadata> = {}): EventMetadata {
  return {
    schemaVersion: 1,
    occurredAt: '2026-11-22T10:00:00.000Z',
    actor: { organisationId: 'asso-93', role: 'partner', keyId: null },
    correlationId: randomUUID(),
    causationId: null,
    scope: { 'asso-93': ['identity', 'contact'] },
    ...overrides,
  };
}

export function anEvent(type = 'ThingHappened', data: unknown = { n: 1 }): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: aMetadata() };
}

export function someEvents(count: number, type = 'ThingHappened'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => anEvent(type, { n }));
}

export const idsOf = (events: readonly { eventId: string }[]): string[] => events.map((event) => event.eventId);

/**
 * Waits until `condition` holds. Not a timed assertion: the limit only turns a hang into a
 * readable failure, far above what the condition needs.
 */
export async function eventually(condition: () => boolean, what: string, limitMs = 45_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Gave up waiting: ${what}`);
    await sleep(10);
  }
}

/** A subscriber that records what it is given, for assertions. */
export interface RecordingSubscriber {
  seen: RecordedEvent[];
  errors: unknown[];
  subscription: Subscription;
  /** Waits until the subscriber handled `position` (or failed). */
  reach(position: bigint): Promise<void>;
}

export function recordAll(store: EventStore, after: bigint | undefined): RecordingSubscriber {
  const seen: RecordedEvent[] = [];
  const errors: unknown[] = [];
  const subscription = store.subscribeToAll({
    after,
    handler: async (event) => {
      seen.push(event);
    },
    onError: (error) => errors.push(error),
  });
  const reach = (position: bigint): Promise<void> =>
    eventually(() => errors.length > 0 || (seen.at(-1)?.globalPosition ?? -1n) >= position, `the subscriber to reach position ${position}`);
  return { seen, errors, subscription, reach };
}
