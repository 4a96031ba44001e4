import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { deadLetterTopicOf, type BusMessage } from '../bus.port';
import { eventually } from '../testing/eventually';
import { KafkaBus, PRODUCER_CONFIG } from './kafka-bus';
import { ScriptedKafka } from './testing/scripted-kafka';

/*
 * The Kafka bus against a scripted fake of kafkajs (testing/scripted-kafka.ts), for what only a
 * broker's failures show: no Kafka can run here. With KAFKA_BROKERS set, kafka-bus.int.spec.ts runs
 * the shared contract (the poison message included) and the broker-only cases against a real one.
 */
const quiet = { warn: () => undefined, error: () => undefined };
const open = (kafka = new ScriptedKafka()) => ({
  kafka,
  bus: new KafkaBus({ brokers: ['127.0.0.1:9092'], retryInitialMs: 1 }, kafka, quiet),
});
const message = (key: string, seq: number): BusMessage => ({ id: `m-${key}-${seq}`, key, value: { key, seq } });
const valueOf = (sent: { value?: unknown }) => JSON.parse(String(sent.value)) as unknown;
/** The error a broker's answer becomes in kafkajs (protocol/error.js), by its type. */
const protocolError = (type: string, code: number) =>
  new KafkaJSProtocolError({ type, code, retriable: false, message: `broker answered ${type}` } as unknown as Error);

describe('the Kafka bus against a scripted kafkajs', () => {
  describe('broker down then up', () => {
    it('fails a publish while no broker answers, then connects again and publishes on the next one', async () => {
      const { kafka, bus } = open();
      kafka.failingAdminConnects = 1;
      kafka.failingProducerConnects = 1;
      await expect(bus.publish('t', [message('k', 1)])).rejects.toBeInstanceOf(KafkaJSConnectionError); // the admin's connect
      await expect(bus.publish('t', [message('k', 1)])).rejects.toBeInstanceOf(KafkaJSConnectionError); // the producer's

      await bus.publish('t', [message('k', 1)]);
      await bus.publish('t', [message('k', 2)]);
      expect(kafka.sentTo('t').map(valueOf)).toEqual([
        { key: 'k', seq: 1 },
        { key: 'k', seq: 2 },
      ]);
      await bus.close();
    });

    it('creates on the next publish a topic whose creation failed', async () => {
      const { kafka, bus } = open();
      kafka.failingTopicCreations = 1;
      await expect(bus.publish('t', [message('k', 1)])).rejects.toBeInstanceOf(KafkaJSConnectionError);
      await bus.publish('t', [message('k', 1)]);
      expect(kafka.topics).toContain('t');
      expect(kafka.sentTo('t')).toHaveLength(1);
      await bus.close();
    });

    it('rejects a subscribe whose consumer crashes before joining, instead of waiting for ever, and joins on the next one', async () => {
      const { kafka, bus } = open();
      kafka.onRun = (consumer) => consumer.crash(new KafkaJSConnectionError('Connection error: the coordinator is down'), true);
      await expect(bus.subscribe({ topic: 't', group: 'g', handler: async () => undefined })).rejects.toBeInstanceOf(
        KafkaJSConnectionError,
      );
      expect(kafka.consumers[0]?.disconnected).toBe(true); // which also cancels kafkajs's own restart

      kafka.onRun = (consumer) => consumer.join();
      const subscription = await bus.subscribe({ topic: 't', group: 'g', handler: async () => undefined });
      expect(kafka.consumers).toHaveLength(2);
      await subscription.stop();
      await bus.close();
    });
  });

  describe('poison message', () => {
    const subscribed = async (handler: (m: BusMessage) => Promise<void>, maxAttempts = 3) => {
      const { kafka, bus } = open();
      const subscription = await bus.subscribe({ topic: 't', group: 'g', handler, maxAttempts });
      const consumer = kafka.consumers[0];
      if (!consumer) throw new Error('no consumer');
      return { kafka, bus, subscription, consumer };
    };
    const deadLetters = (kafka: ScriptedKafka) =>
      kafka.sentTo(deadLetterTopicOf('t')).map((sent) => ({ key: sent.key, value: valueOf(sent) }));

    it('sends a message that is not JSON to the dead-letter topic and moves the partition on', async () => {
      const seen: unknown[] = [];
      const { kafka, bus, consumer } = await subscribed(async (m) => void seen.push(m.value));
      const resolved = await consumer.deliver(2, [
        { key: 'k', value: '{"seq": 0}', headers: { 'message-id': 'a' } },
        { key: 'k', value: 'not json {', headers: { 'message-id': 'b' } },
        { key: 'k', value: '{"seq": 2}' },
        { key: 'k', value: '{"seq": 3}', headers: { 'message-id': 'd' } },
      ]);

      expect(seen).toEqual([{ seq: 0 }, { seq: 3 }]);
      expect(resolved).toEqual(['0', '1', '2', '3']);
      expect(deadLetters(kafka)).toEqual([
        {
          key: 'k',
          value: { topic: 't', group: 'g', reason: 'undecodable', attempts: 1, error: 'not JSON', value: null, partition: 2, offset: '1' },
        },
        {
          key: 'k',
          value: {
            topic: 't',
            group: 'g',
            reason: 'undecodable',
            attempts: 1,
            error: 'no message-id header',
            value: null,
            partition: 2,
            offset: '2',
          },
        },
      ]);
      expect(kafka.sentTo(deadLetterTopicOf('t'))[1]?.headers).toEqual({ 'message-id': 't/2/2' });
      await bus.close();
    });

    it('hands a message whose handler keeps failing maxAttempts times, then dead-letters it, and the next one is handled', async () => {
      const attempts: number[] = [];
      const { kafka, bus, consumer } = await subscribed(async (m) => {
        const { seq } = m.value as { seq: number };
        attempts.push(seq);
        if (seq === 1) throw new RangeError('cannot apply');
      });
      const resolved = await consumer.deliver(
        0,
        [0, 1, 2].map((seq) => ({ key: 'k', value: JSON.stringify({ seq }), headers: { 'message-id': `m${seq}` } })),
      );

      expect(attempts).toEqual([0, 1, 1, 1, 2]);
      expect(resolved).toEqual(['0', '1', '2']);
      expect(deadLetters(kafka)).toEqual([
        { key: 'k', value: { topic: 't', group: 'g', reason: 'handler_failed', attempts: 3, error: 'RangeError', value: { seq: 1 } } },
      ]);
      await bus.close();
    });

    it('retries a dead letter it cannot publish yet, and resolves the message once it is published', async () => {
      const { kafka, bus, consumer } = await subscribed(async () => undefined);
      kafka.sendErrors.push(new KafkaJSConnectionError('Connection error'), new KafkaJSConnectionError('Connection error'));
      const resolved = await consumer.deliver(0, [{ key: 'k', value: 'garbage', headers: { 'message-id': 'x' } }]);
      expect(resolved).toEqual(['0']);
      expect(deadLetters(kafka)).toHaveLength(1);
      await bus.close();
    });

    it('handles several partitions at a time, so that one that retries does not hold the others', async () => {
      let release: () => void = () => undefined;
      const slow = new Promise<void>((resolve) => (release = resolve));
      const seen: number[] = [];
      const { bus, consumer } = await subscribed(async (m) => {
        const { seq } = m.value as { seq: number };
        if (seq === 0) await slow;
        seen.push(seq);
      });
      expect(consumer.runConfig?.partitionsConsumedConcurrently).toBeGreaterThan(1);
      const first = consumer.deliver(0, [{ key: 'a', value: '{"seq": 0}', headers: { 'message-id': 'p0' } }]);
      await consumer.deliver(1, [{ key: 'b', value: '{"seq": 1}', headers: { 'message-id': 'p1' } }]);
      expect(seen).toEqual([1]);
      release();
      await first;
      expect(seen).toEqual([1, 0]);
      await bus.close();
    });

    it('restarts cleanly after a crash kafkajs does not restart from: a new consumer joins and gets the messages', async () => {
      const seen: unknown[] = [];
      const { kafka, bus, subscription, consumer } = await subscribed(async (m) => void seen.push(m.value));
      consumer.crash(new TypeError('a bug in a handler'), false);
      await eventually(() => expect(kafka.consumers).toHaveLength(2));
      const replacement = kafka.consumers[1]!;
      await eventually(() => expect(replacement.runConfig).not.toBeNull());
      expect(replacement.config.groupId).toBe('g');
      await replacement.deliver(0, [{ key: 'k', value: '{"seq": 5}', headers: { 'message-id': 'r' } }]);
      expect(seen).toEqual([{ seq: 5 }]);

      replacement.crash(new KafkaJSConnectionError('Connection error'), true); // kafkajs restarts this one itself
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(kafka.consumers).toHaveLength(2);
      await subscription.stop();
      expect(replacement.disconnected).toBe(true);
      await bus.close();
    });
  });

  describe('producer fenced', () => {
    it.each([
      ['OUT_OF_ORDER_SEQUENCE_NUMBER', 45],
      ['UNKNOWN_PRODUCER_ID', 59],
    ])('replaces a producer whose sequence the broker refuses (%s) and sends the batch on the new one', async (type, code) => {
      const { kafka, bus } = open();
      await bus.publish('t', [message('k', 0)]);
      kafka.sendErrors.push(protocolError(type, code));
      await bus.publish('t', [message('k', 1), message('k', 2)]);
      await bus.publish('t', [message('k', 3)]);

      expect(kafka.producers).toHaveLength(2);
      expect(kafka.producers[0]?.disconnected).toBe(true);
      expect(kafka.sent.map((sent) => [sent.producer, (valueOf(sent.message) as { seq: number }).seq])).toEqual([
        [0, 0],
        [1, 1],
        [1, 2],
        [1, 3],
      ]);
      await bus.close();
    });

    it('recognises the sequence error when kafkajs hands it over wrapped, as its retrier does', async () => {
      const { kafka, bus } = open();
      const cause = protocolError('UNKNOWN_PRODUCER_ID', 59);
      kafka.sendErrors.push(Object.assign(new KafkaJSNonRetriableError(cause), { cause }));
      await bus.publish('t', [message('k', 0)]);
      expect(kafka.producers).toHaveLength(2);
      await bus.close();
    });

    it('hands any other send error to the caller and keeps the producer', async () => {
      const { kafka, bus } = open();
      kafka.sendErrors.push(protocolError('MESSAGE_TOO_LARGE', 10));
      await expect(bus.publish('t', [message('k', 0)])).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
      await bus.publish('t', [message('k', 0)]);
      expect(kafka.producers).toHaveLength(1);
      await bus.close();
    });

    it('creates the producer idempotent, with acks from every in-sync replica, one request in flight and its own bounded retry', async () => {
      const { kafka, bus } = open();
      await bus.publish('t', [message('k', 0)]);
      expect(kafka.producers[0]?.config).toBe(PRODUCER_CONFIG);
      expect(PRODUCER_CONFIG).toMatchObject({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 8 } });
      await bus.close();
    });
  });
});
