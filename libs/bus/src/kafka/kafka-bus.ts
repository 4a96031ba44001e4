import { Kafka, logLevel, Partitioners, type Admin, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from 'kafkajs';
import type { BusMessage, BusSubscription, BusSubscriptionOptions, MessageBus } from '../bus.port';
import { RecentIds } from '../recent-ids';
import type { KafkaBusOptions } from './kafka-bus.options';

const MESSAGE_ID_HEADER = 'message-id';

/**
 * The production bus. The only file of the project that knows kafkajs (.dependency-cruiser.js enforces it): kafkajs is
 * no longer actively maintained and `@confluentinc/kafka-javascript` offers a compatible API, so a
 * switch stays inside this folder.
 *
 * - Producer: idempotent, acks from all in-sync replicas, one request in flight, so a retried send
 *   neither duplicates nor reorders a key's messages.
 * - Consumers: offsets are resolved one message at a time after its handler resolved, and only
 *   resolved offsets are committed; a failing handler is retried in place (heartbeating) so later
 *   messages of its partition wait. Redelivered ids are skipped (RecentIds).
 */
export class KafkaBus implements MessageBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly consumers = new Set<Consumer>();
  private readonly topics = new Map<string, Promise<void>>();
  private connected: Promise<void> | null = null;

  constructor(private readonly options: KafkaBusOptions) {
    this.kafka = new Kafka({ clientId: options.clientId ?? 'passerelle', brokers: options.brokers, logLevel: logLevel.WARN });
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    await this.ensureTopic(topic);
    await this.producer.send({
      topic,
      acks: -1,
      messages: messages.map((message) => ({
        key: message.key,
        value: JSON.stringify(message.value),
        headers: { [MESSAGE_ID_HEADER]: message.id },
      })),
    });
  }

  async subscribe(options: BusSubscriptionOptions): Promise<BusSubscription> {
    await this.connect();
    await this.ensureTopic(options.topic);
    const consumer = this.kafka.consumer({ groupId: options.group });
    this.consumers.add(consumer);
    const seen = new RecentIds();
    await consumer.connect();
    await consumer.subscribe({ topics: [options.topic], fromBeginning: options.fromBeginning ?? false });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      autoCommitThreshold: 100,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => this.consume(payload, options.handler, seen),
    });
    await joined;
    return {
      stop: async () => {
        this.consumers.delete(consumer);
        // Disconnecting commits the resolved offsets: only messages whose handler resolved.
        await consumer.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.disconnect()));
    this.consumers.clear();
    if (this.connected) await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private async consume(payload: EachBatchPayload, handler: BusSubscriptionOptions['handler'], seen: RecentIds): Promise<void> {
    for (const message of payload.batch.messages) {
      if (!payload.isRunning() || payload.isStale()) return;
      const decoded = decode(message);
      if (decoded && !seen.has(decoded.id)) {
        if (
          !(await this.handleWithRetry(
            decoded,
            handler,
            () => payload.isRunning(),
            () => payload.heartbeat(),
          ))
        )
          return;
        seen.add(decoded.id);
      }
      payload.resolveOffset(message.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  /** Retries in place so that the partition's later messages keep waiting; false when the consumer stops first. */
  private async handleWithRetry(
    message: BusMessage,
    handler: BusSubscriptionOptions['handler'],
    isRunning: () => boolean,
    heartbeat: () => Promise<void>,
  ): Promise<boolean> {
    for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 5_000)) {
      try {
        await handler(message);
        return true;
      } catch {
        if (!isRunning()) return false;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await heartbeat();
      }
    }
  }

  private connect(): Promise<void> {
    this.connected ??= Promise.all([this.producer.connect(), this.admin.connect()]).then(() => undefined);
    return this.connected;
  }

  private ensureTopic(topic: string): Promise<void> {
    let ensured = this.topics.get(topic);
    if (!ensured) {
      ensured = this.admin
        .createTopics({
          waitForLeaders: true,
          topics: [{ topic, numPartitions: this.options.partitions ?? 12, replicationFactor: this.options.replicationFactor ?? -1 }],
        })
        .then(() => undefined);
      this.topics.set(topic, ensured);
    }
    return ensured;
  }
}

function decode(message: KafkaMessage): BusMessage | null {
  const id = message.headers?.[MESSAGE_ID_HEADER]?.toString();
  if (!id || !message.value) return null;
  return { id, key: message.key?.toString() ?? '', value: JSON.parse(message.value.toString()) as unknown };
}
