import { randomUUID } from 'node:crypto';
import { deadLetterTopicOf, type BusMessage, type BusSubscription, type MessageBus } from '../bus.port';
import { eventually } from './eventually';

/**
 * The conformance suite every bus adapter passes. Each case uses a topic of its
 * own; `factory` is called once per suite.
 *
 *   describeBusContract('inprocess', async () => new InProcessBus());
 */
export function describeBusContract(name: string, factory: () => Promise<MessageBus>): void {
  describe(`${name} bus contract`, () => {
    let bus: MessageBus;
    const subscriptions: BusSubscription[] = [];
    const topic = () => `contract-${randomUUID()}`;
    const message = (key: string, seq: number, id: string = randomUUID()): BusMessage => ({ id, key, value: { key, seq } });
    const seqOf = (m: BusMessage) => (m.value as { seq: number }).seq;
    const subscribe = async (t: string, group: string, handler: (m: BusMessage) => Promise<void>, maxAttempts?: number) => {
      const subscription = await bus.subscribe({ topic: t, group, handler, fromBeginning: true, ...(maxAttempts ? { maxAttempts } : {}) });
      subscriptions.push(subscription);
      return subscription;
    };

    beforeAll(async () => {
      bus = await factory();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
    });
    afterAll(() => bus.close());

    it('delivers every published message to a subscribed group, value intact', async () => {
      const t = topic();
      const seen: BusMessage[] = [];
      await subscribe(t, 'g', async (m) => void seen.push(m));
      const sent = Array.from({ length: 50 }, (_, i) => message(`key-${i % 7}`, i));
      await bus.publish(t, sent);
      await eventually(() => expect(seen.map(seqOf).sort((a, b) => a - b)).toEqual(sent.map(seqOf)));
      expect(seen.find((m) => seqOf(m) === 3)).toEqual(sent[3]);
    });

    it('keeps the publish order of each key across publishes', async () => {
      const t = topic();
      const seen = new Map<string, number[]>();
      await subscribe(t, 'g', async (m) => void seen.set(m.key, [...(seen.get(m.key) ?? []), seqOf(m)]));
      for (let round = 0; round < 5; round++) {
        await bus.publish(
          t,
          ['a', 'b', 'c', 'd'].flatMap((key) => [0, 1, 2, 3].map((i) => message(key, round * 4 + i))),
        );
      }
      const expected = Array.from({ length: 20 }, (_, i) => i);
      await eventually(() => expect(Object.fromEntries(seen)).toEqual({ a: expected, b: expected, c: expected, d: expected }));
    });

    it('gives every group every message', async () => {
      const t = topic();
      const first: number[] = [];
      const second: number[] = [];
      await subscribe(t, 'first', async (m) => void first.push(seqOf(m)));
      await subscribe(t, 'second', async (m) => void second.push(seqOf(m)));
      await bus.publish(t, [message('k', 1), message('k', 2)]);
      await eventually(() => {
        expect(first).toEqual([1, 2]);
        expect(second).toEqual([1, 2]);
      });
    });

    it('retries a message whose handler failed before any later message of its key (at least once)', async () => {
      const t = topic();
      const seen: number[] = [];
      let failures = 2;
      await subscribe(t, 'g', async (m) => {
        if (seqOf(m) === 1 && failures-- > 0) throw new Error('consumer not ready');
        seen.push(seqOf(m));
      });
      await bus.publish(t, [message('k', 0), message('k', 1), message('k', 2)]);
      await eventually(() => expect(seen).toEqual([0, 1, 2]));
    });

    it('hands a message id to a group once even when it is published twice', async () => {
      const t = topic();
      const seen: number[] = [];
      await subscribe(t, 'g', async (m) => void seen.push(seqOf(m)));
      const id = randomUUID();
      await bus.publish(t, [message('k', 1, id)]);
      await bus.publish(t, [message('k', 1, id), message('k', 2)]);
      await eventually(() => expect(seen).toContain(2));
      expect(seen).toEqual([1, 2]);
    });

    it('resumes a group where it stopped: what was published meanwhile is delivered, nothing twice', async () => {
      const t = topic();
      const seen: number[] = [];
      const first = await subscribe(t, 'g', async (m) => void seen.push(seqOf(m)));
      await bus.publish(t, [message('k', 1), message('k', 2)]);
      await eventually(() => expect(seen).toEqual([1, 2]));
      await first.stop();
      await bus.publish(t, [message('k', 3), message('k', 4)]);
      await subscribe(t, 'g', async (m) => void seen.push(seqOf(m)));
      await eventually(() => expect(seen).toEqual([1, 2, 3, 4]));
    });

    describe('poison message', () => {
      it('is handed to a handler that keeps failing maxAttempts times, then goes to the dead-letter topic, and the key moves on', async () => {
        const t = topic();
        const seen: number[] = [];
        const attempts = new Map<number, number>();
        await subscribe(
          t,
          'g',
          async (m) => {
            attempts.set(seqOf(m), (attempts.get(seqOf(m)) ?? 0) + 1);
            if (seqOf(m) === 1) throw new TypeError('cannot apply this one');
            seen.push(seqOf(m));
          },
          3,
        );
        const deadLetters: BusMessage[] = [];
        await subscribe(deadLetterTopicOf(t), 'operator', async (m) => void deadLetters.push(m));
        const poison = message('k', 1);
        await bus.publish(t, [message('k', 0), poison, message('k', 2)]);

        await eventually(() => {
          expect(seen).toEqual([0, 2]);
          expect(deadLetters).toHaveLength(1);
        });
        expect(attempts.get(1)).toBe(3);
        expect(deadLetters[0]).toEqual({
          id: poison.id,
          key: 'k',
          value: { topic: t, group: 'g', reason: 'handler_failed', attempts: 3, error: 'TypeError', value: poison.value },
        });
      });
    });
  });
}
