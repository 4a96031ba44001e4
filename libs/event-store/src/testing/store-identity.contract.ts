import { CheckpointBeyondHeadError } from '../event-store.port';
import { type ContractContext, aStreamName, eventually, idsOf, recordAll, someEvents } from './contract-fixtures';

/**
 * What ties a checkpoint to its store (the port's WARNING on positions): the store's identity, and
 * a subscription that refuses to start past the head instead of waiting there and then skipping.
 */
export function describeStoreIdentityRules(context: ContractContext): void {
  describe('store identity', () => {
    it('is the same for every instance on one storage, every time it is asked', async () => {
      const identity = await context.store.identity();
      expect(identity).toMatch(/\S/);
      expect(await context.store.identity()).toBe(identity);
      for (const instance of context.instances) expect(await instance.store.identity()).toBe(identity);
    });

    it('differs for another store', async () => {
      const other = await context.factory();
      try {
        expect(await other.store.identity()).not.toBe(await context.store.identity());
      } finally {
        await other.teardown();
      }
    });
  });

  describe('checkpoint beyond the head', () => {
    it('refuses a subscription after a position past the last event, in one line through onError, and delivers nothing', async () => {
      await context.store.appendToStream(aStreamName(), someEvents(2), { expectedRevision: 'no_stream' });
      const head = await context.store.headPosition();
      const after = head + 1_000_000n;
      const subscriber = recordAll(context.store, after);
      await eventually(() => subscriber.errors.length > 0, 'the refusal');
      // Appended after the refusal: a subscription that had gone live past the head would take it.
      await context.store.appendToStream(aStreamName(), someEvents(1), { expectedRevision: 'no_stream' });
      await subscriber.subscription.stop();

      expect(subscriber.seen).toEqual([]);
      expect(subscriber.errors).toHaveLength(1);
      const [refusal] = subscriber.errors;
      expect(refusal).toBeInstanceOf(CheckpointBeyondHeadError);
      expect(refusal).toMatchObject({ code: 'STORE.CHECKPOINT_BEYOND_HEAD', after, head });
      expect((refusal as Error).message).not.toContain('\n');
    });

    it('accepts a checkpoint at the head and delivers what is appended after it', async () => {
      await context.store.appendToStream(aStreamName(), someEvents(1), { expectedRevision: 'no_stream' });
      const head = await context.store.headPosition();
      const subscriber = recordAll(context.store, head);
      const events = someEvents(2);
      const { position } = await context.store.appendToStream(aStreamName(), events, { expectedRevision: 'no_stream' });
      await subscriber.reach(position);
      await subscriber.subscription.stop();
      expect(subscriber.errors).toEqual([]);
      expect(idsOf(subscriber.seen)).toEqual(idsOf(events));
    });
  });
}
