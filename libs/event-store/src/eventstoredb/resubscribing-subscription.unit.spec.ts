import { setTimeout as sleep } from 'node:timers/promises';
import { AccessDeniedError, CancelledError, DeadlineExceededError, UnavailableError, UnknownError } from '@eventstore/db-client';
import type { RecordedEvent } from '../event-store.port';
import { aMetadata, eventually } from '../testing/contract-fixtures';
import { ResubscribingSubscription, type SubscriptionSource } from './resubscribing-subscription';

/**
 * An in-memory stand-in for the server side of `$all`: each open() follows the log after a
 * position (including the event at it, as a read from a position does), and can be told to drop
 * the connection after a number of deliveries, or to end the stream as a server restart does.
 */
class FakeAll {
  readonly log: RecordedEvent[] = [];
  readonly opens: (bigint | undefined)[] = [];
  private failure: { after: number; how: 'error' | 'end'; error: Error } | null = null;

  append(count: number): void {
    for (let n = 0; n < count; n += 1) {
      const position = BigInt((this.log.length + 1) * 100);
      this.log.push({
        eventId: `e${this.log.length}`,
        type: 'T',
        data: {},
        metadata: aMetadata(),
        streamName: 'case-1',
        streamRevision: BigInt(this.log.length),
        globalPosition: position,
        recordedAt: new Date(),
      });
    }
  }

  dropAfter(
    deliveries: number,
    how: 'error' | 'end' = 'error',
    error: Error = new UnavailableError(undefined, '14 UNAVAILABLE: Connection dropped'),
  ): void {
    this.failure = { after: deliveries, how, error };
  }

  open = async (after: bigint | undefined): Promise<SubscriptionSource> => {
    this.opens.push(after);
    let closed = false;
    const follow = async function* (this: FakeAll): AsyncGenerator<RecordedEvent> {
      let delivered = 0;
      let index = this.log.findIndex((event) => after === undefined || event.globalPosition >= after);
      while (!closed) {
        const failure = this.failure;
        if (failure && delivered >= failure.after) {
          this.failure = null;
          if (failure.how === 'error') throw failure.error;
          return;
        }
        const next = index === -1 ? undefined : this.log[index];
        if (next) {
          index += 1;
          delivered += 1;
          yield next;
        } else {
          await sleep(2);
          if (index === -1) index = this.log.findIndex((event) => after === undefined || event.globalPosition >= after);
        }
      }
    }.call(this);
    return { events: follow, close: async () => void (closed = true) };
  };
}

describe('a subscription that resubscribes after drops', () => {
  const fast = { initialMs: 1, maxMs: 4 };

  it('reopens after every drop from the last handled event and delivers each event once, in order', async () => {
    const server = new FakeAll();
    server.append(10);
    server.dropAfter(3);
    const seen: bigint[] = [];
    const drops: (bigint | undefined)[] = [];
    const subscription = new ResubscribingSubscription(
      server.open,
      {
        handler: async (event) => {
          seen.push(event.globalPosition);
          if (seen.length === 6) server.dropAfter(1, 'end');
        },
      },
      { ...fast, onDropped: (_, checkpoint) => drops.push(checkpoint) },
    );
    await eventually(() => seen.length === 10, 'the first ten events');
    server.append(5);
    await eventually(() => seen.length === 15, 'the live events');
    await subscription.stop();

    expect(seen).toEqual(server.log.map((event) => event.globalPosition));
    expect(drops).toEqual([300n, 600n]);
    expect(server.opens).toEqual([undefined, 300n, 600n]);
  });

  it('starts after the given checkpoint', async () => {
    const server = new FakeAll();
    server.append(4);
    const seen: bigint[] = [];
    const subscription = new ResubscribingSubscription(
      server.open,
      { after: 200n, handler: async (event) => void seen.push(event.globalPosition) },
      fast,
    );
    await eventually(() => seen.length === 2, 'the events after 200');
    await subscription.stop();
    expect(seen).toEqual([300n, 400n]);
  });

  it('stops for good when the handler throws, and reports the error once', async () => {
    const server = new FakeAll();
    server.append(5);
    const failure = new Error('projection broke');
    const reported: unknown[] = [];
    const subscription = new ResubscribingSubscription(
      server.open,
      {
        handler: async (event) => {
          if (event.globalPosition === 200n) throw failure;
        },
        onError: (error) => reported.push(error),
      },
      fast,
    );
    await eventually(() => reported.length > 0, 'the error');
    await sleep(20);
    await subscription.stop();
    expect(reported).toEqual([failure]);
    expect(server.opens).toHaveLength(1);
  });

  it('waits for a running handler on stop, then delivers nothing more', async () => {
    const server = new FakeAll();
    server.append(3);
    const log: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const subscription = new ResubscribingSubscription(
      server.open,
      {
        handler: async () => {
          log.push('handler started');
          await gate;
          log.push('handler finished');
        },
      },
      fast,
    );
    await eventually(() => log.length > 0, 'the handler to start');
    const stopped = subscription.stop().then(() => log.push('stopped'));
    await sleep(5);
    log.push('released');
    release();
    await stopped;
    expect(log).toEqual(['handler started', 'released', 'handler finished', 'stopped']);
  });

  it('stops while waiting to resubscribe', async () => {
    const server = new FakeAll();
    server.dropAfter(0);
    const subscription = new ResubscribingSubscription(
      server.open,
      { handler: async () => undefined },
      { initialMs: 60_000, maxMs: 60_000 },
    );
    await eventually(() => server.opens.length === 1, 'the first open');
    await subscription.stop();
    expect(server.opens).toHaveLength(1);
  });

  it('retries only a dropped connection: unavailable, cancelled, deadline exceeded, and the server ending the call', async () => {
    const server = new FakeAll();
    server.append(6);
    const drops: (Error | 'end')[] = [
      new UnavailableError(undefined, 'unavailable'),
      new CancelledError(undefined, 'cancelled'),
      new DeadlineExceededError(undefined, 'deadline'),
      'end',
    ];
    // Each open delivers one event, then drops the way the next entry says.
    const open = async (after: bigint | undefined): Promise<SubscriptionSource> => {
      const drop = drops.shift();
      if (drop) server.dropAfter(1, drop === 'end' ? 'end' : 'error', drop === 'end' ? undefined : drop);
      return server.open(after);
    };
    const seen: bigint[] = [];
    const reported: unknown[] = [];
    const dropped: string[] = [];
    const subscription = new ResubscribingSubscription(
      open,
      { handler: async (event) => void seen.push(event.globalPosition), onError: (error) => reported.push(error) },
      { ...fast, onDropped: (error) => dropped.push((error as Error).name || (error as Error).constructor.name) },
    );
    await eventually(() => seen.length === 6, 'every event despite the drops');
    await subscription.stop();
    expect(reported).toEqual([]);
    expect(seen).toEqual(server.log.map((event) => event.globalPosition));
    expect(dropped).toHaveLength(4);
    expect(server.opens).toHaveLength(5);
  });

  it.each([
    ['access denied', new AccessDeniedError(undefined, 'Access denied')],
    ['an invalid position', new UnknownError(undefined, 'InvalidPosition')],
    ['an event the client cannot convert', new TypeError('Cannot read properties of undefined')],
  ])('stops at %s, which a retry cannot change, and reports it once through onError', async (_, error) => {
    const server = new FakeAll();
    server.append(3);
    server.dropAfter(1, 'error', error);
    const reported: unknown[] = [];
    const dropped: unknown[] = [];
    const subscription = new ResubscribingSubscription(
      server.open,
      { handler: async () => undefined, onError: (failure) => reported.push(failure) },
      { ...fast, onDropped: (failure) => dropped.push(failure) },
    );
    await eventually(() => reported.length > 0, 'the error');
    await sleep(20);
    await subscription.stop();
    expect(reported).toEqual([error]);
    expect(dropped).toEqual([]);
    expect(server.opens).toHaveLength(1);
  });
});
