import { Logger } from '@nestjs/common';
import { Partitioners, type ProducerConfig, type ProducerRecord } from 'kafkajs';
import { deadLetterTopicOf, type BusMessage, type BusSubscription, type BusSubscriptionOptions, type MessageBus } from '../bus.port';
import type { KafkaBusOptions } from './kafka-bus.options';
import { kafkaClient, type KafkaAdmin, type KafkaClient, type KafkaProducer } from './kafka-client';
import { errorName, isSequenceError } from './kafka-errors';
import { KafkaGroupMember, MESSAGE_ID_HEADER } from './kafka-group-member';

/**
 * The producer: idempotent, acks from all in-sync replicas, one request in flight, so that a
 * retried send neither duplicates nor reorders a key's messages. `retry` is given here because
 * kafkajs merges the client's retry object into every producer's, so the idempotent producer's own
 * default (retry for ever) never applies: bounded, a broker that stays down fails the publish, the
 * relay shows it (/health, docs/operations.md) and publishes the batch again from its checkpoint.
 */
export const PRODUCER_CONFIG: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { retries: 8, initialRetryTime: 300, maxRetryTime: 30_000 },
};

interface Connected<T> {
  client: T;
  connected: Promise<void>;
}

/**
 * The production bus. The only folder of the project that knows kafkajs (.dependency-cruiser.js enforces it): kafkajs is
 * no longer actively maintained and `@confluentinc/kafka-javascript` offers a compatible API, so a
 * switch stays inside this folder.
 *
 * - A connection or a topic creation that failed (Kafka down at the first publish) is not kept:
 *   the next publish or subscribe tries again.
 * - A producer whose sequence the broker no longer accepts (kafka-errors.ts) is replaced by a new
 *   one, and the send made again on it once.
 * - Consumers: kafka-group-member.ts (bounded attempts, dead letters, several partitions at a
 *   time, restart after a crash).
 */
export class KafkaBus implements MessageBus {
  private readonly client: KafkaClient;
  private producer: Connected<KafkaProducer> | null = null;
  private admin: Connected<KafkaAdmin> | null = null;
  private readonly topics = new Map<string, Promise<void>>();
  private readonly members = new Set<KafkaGroupMember>();
  private readonly logger: Pick<Logger, 'warn' | 'error'>;
  private closed = false;

  constructor(
    private readonly options: KafkaBusOptions,
    client?: KafkaClient,
    logger?: Pick<Logger, 'warn' | 'error'>,
  ) {
    this.client = client ?? kafkaClient(options.brokers, options.clientId ?? 'passerelle');
    this.logger = logger ?? new Logger('KafkaBus');
  }

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (this.closed) throw new Error('The bus is closed');
    await this.ensureTopic(topic);
    const record: ProducerRecord = {
      topic,
      acks: -1,
      messages: messages.map((message) => ({
        key: message.key,
        value: JSON.stringify(message.value),
        headers: { [MESSAGE_ID_HEADER]: message.id },
      })),
    };
    const producer = await this.connectedProducer();
    try {
      await producer.send(record);
    } catch (error) {
      if (!isSequenceError(error)) throw error;
      this.logger.warn(`the broker refused the producer's sequence (${sequenceErrorType(error)}): a new producer sends the batch again`);
      await this.replaceProducer(producer);
      await (await this.connectedProducer()).send(record);
    }
  }

  async subscribe(options: BusSubscriptionOptions): Promise<BusSubscription> {
    if (this.closed) throw new Error('The bus is closed');
    await this.ensureTopic(options.topic);
    await this.ensureTopic(deadLetterTopicOf(options.topic));
    const initialMs = this.options.retryInitialMs ?? 50;
    const member = new KafkaGroupMember(this.client, options, {
      concurrency: this.options.partitionsConsumedConcurrently ?? 4,
      publish: (topic, messages) => this.publish(topic, messages),
      retry: { initialMs, maxMs: Math.max(initialMs, 5_000) },
      logger: this.logger,
    });
    await member.join();
    this.members.add(member);
    return {
      stop: async () => {
        this.members.delete(member);
        await member.stop();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.members].map((member) => member.stop().catch(() => undefined)));
    this.members.clear();
    const [producer, admin] = [this.producer, this.admin];
    this.producer = null;
    this.admin = null;
    await Promise.all([disconnect(producer), disconnect(admin)]);
  }

  /** The producer, connected; a failed connection is dropped so that the next call connects again. */
  private async connectedProducer(): Promise<KafkaProducer> {
    let session = this.producer;
    if (!session) {
      const producer = this.client.producer(PRODUCER_CONFIG);
      const created: Connected<KafkaProducer> = { client: producer, connected: producer.connect() };
      created.connected.catch(() => {
        if (this.producer === created) this.producer = null;
      });
      this.producer = session = created;
    }
    await session.connected;
    return session.client;
  }

  /** A new producer (a new producer id, sequences from 0) for the next send; concurrent callers share it. */
  private async replaceProducer(failed: KafkaProducer): Promise<void> {
    if (this.producer?.client === failed) this.producer = null;
    await failed.disconnect().catch(() => undefined);
  }

  private async connectedAdmin(): Promise<KafkaAdmin> {
    let session = this.admin;
    if (!session) {
      const admin = this.client.admin();
      const created: Connected<KafkaAdmin> = { client: admin, connected: admin.connect() };
      created.connected.catch(() => {
        if (this.admin === created) this.admin = null;
      });
      this.admin = session = created;
    }
    await session.connected;
    return session.client;
  }

  /** Creates the topic once; a creation that failed is asked again by the next call. */
  private ensureTopic(topic: string): Promise<void> {
    let ensured = this.topics.get(topic);
    if (!ensured) {
      const creating = this.connectedAdmin()
        .then((admin) =>
          admin.createTopics({
            waitForLeaders: true,
            topics: [{ topic, numPartitions: this.options.partitions ?? 12, replicationFactor: this.options.replicationFactor ?? -1 }],
          }),
        )
        .then(() => undefined);
      creating.catch((error: unknown) => {
        if (this.topics.get(topic) === creating) this.topics.delete(topic);
        this.logger.warn(`topic ${topic} not ensured (${errorName(error)}); the next call tries again`);
      });
      this.topics.set(topic, creating);
      ensured = creating;
    }
    return ensured;
  }
}

async function disconnect(session: Connected<{ disconnect(): Promise<void> }> | null): Promise<void> {
  if (!session) return;
  const connected = await session.connected.then(
    () => true,
    () => false,
  );
  if (connected) await session.client.disconnect().catch(() => undefined);
}

function sequenceErrorType(error: unknown): string {
  for (let current: unknown = error, depth = 0; current !== null && typeof current === 'object' && depth < 5; depth += 1) {
    const { type, cause } = current as { type?: unknown; cause?: unknown };
    if (typeof type === 'string') return type;
    current = cause;
  }
  return 'unknown';
}
