import { ForeignEventError, type RecordedEvent } from '../event-store.port';
import { type ContractContext, aStreamName, eventually, idsOf, recordAll, someEvents } from './contract-fixtures';

/** Catch-up subscriptions: checkpoints, stopping, failing handlers. */
export function describeSubscriptionRules(context: ContractContext): void {
  describe('when a subscription resumes from its checkpoint', () => {
    it('delivers only the events after it, with no gap and no repeat', async () => {
      const start = await context.store.headPosition();
      const stream = aStreamName();
      const before = await context.store.appendToStream(stream, someEvents(5), { expectedRevision: 'no_stream' });
      const first = recordAll(context.store, start);
      await first.reach(before.position);
      await first.subscription.stop();
      const checkpoint = first.seen.at(-1)?.globalPosition;

      const after = await context.store.appendToStream(stream, someEvents(5), { expectedRevision: before.nextExpectedRevision });
      const resumed = recordAll(context.store, checkpoint);
      await resumed.reach(after.position);
      await resumed.subscription.stop();

      expect(first.errors).toEqual([]);
      expect(resumed.errors).toEqual([]);
      expect(idsOf(first.seen)).toEqual(idsOf(await context.store.readStream(stream)).slice(0, 5));
      expect(idsOf([...first.seen, ...resumed.seen])).toEqual(idsOf(await context.store.readAll({ after: start })));
    });
  });

  describe('when a subscription is stopped while its handler runs', () => {
    it('waits for the handler to finish and delivers nothing afterwards', async () => {
      const start = await context.store.headPosition();
      await context.store.appendToStream(aStreamName(), someEvents(3), { expectedRevision: 'no_stream' });
      const log: string[] = [];
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const subscription = context.store.subscribeToAll({
        after: start,
        handler: async () => {
          log.push('handler started');
          await gate;
          log.push('handler finished');
        },
      });
      await eventually(() => log.length > 0, 'the handler to start');
      const stopped = subscription.stop().then(() => log.push('stopped'));
      await new Promise((resolve) => setImmediate(resolve));
      log.push('released');
      release();
      await stopped;
      expect(log).toEqual(['handler started', 'released', 'handler finished', 'stopped']);
    });
  });

  describe('when the handler throws', () => {
    it('stops the subscription and reports the error through onError', async () => {
      const start = await context.store.headPosition();
      await context.store.appendToStream(aStreamName(), someEvents(3), { expectedRevision: 'no_stream' });
      const handled: RecordedEvent[] = [];
      const failure = new Error('projection broke');
      const reported: unknown[] = [];
      const subscription = context.store.subscribeToAll({
        after: start,
        handler: async (event) => {
          handled.push(event);
          if (handled.length === 2) throw failure;
        },
        onError: (error) => reported.push(error),
      });
      await eventually(() => reported.length > 0, 'the error to be reported');
      await subscription.stop();
      expect(reported).toEqual([failure]);
      expect(handled).toHaveLength(2);
    });
  });

  describe('foreign event', () => {
    it('stops the subscription at an event Passerelle did not write and reports it through onError, instead of retrying it', async () => {
      const writeForeignEvent = context.writeForeignEvent;
      if (!writeForeignEvent) {
        console.info(`[${context.adapterName} contract] its storage holds only what the adapter wrote: the foreign event case is not run`);
        return;
      }
      const start = await context.store.headPosition();
      const [before, after] = [someEvents(2), someEvents(1)];
      await context.store.appendToStream(aStreamName(), before, { expectedRevision: 'no_stream' });
      const foreignStream = aStreamName();
      await writeForeignEvent(foreignStream);
      await context.store.appendToStream(aStreamName(), after, { expectedRevision: 'no_stream' });
      const subscriber = recordAll(context.store, start);
      await eventually(() => subscriber.errors.length > 0, 'the foreign event to be reported');
      await subscriber.subscription.stop();

      expect(idsOf(subscriber.seen)).toEqual(idsOf(before));
      expect(subscriber.errors).toHaveLength(1);
      expect(subscriber.errors[0]).toBeInstanceOf(ForeignEventError);
      expect(subscriber.errors[0]).toMatchObject({ code: 'STORE.FOREIGN_EVENT', streamName: foreignStream });
    });
  });
}
