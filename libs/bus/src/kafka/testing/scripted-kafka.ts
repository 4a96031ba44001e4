import {
  KafkaJSConnectionError,
  type ConsumerConfig,
  type ConsumerCrashEvent,
  type ConsumerGroupJoinEvent,
  type ConsumerRunConfig,
  type ConsumerSubscribeTopics,
  type EachBatchPayload,
  type ITopicConfig,
  type Message,
  type ProducerConfig,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';
import type { KafkaAdmin, KafkaClient, KafkaConsumer, KafkaProducer } from '../kafka-client';

/** A message as a broker hands it to a consumer: bytes, headers, an offset. */
export interface DeliveredMessage {
  key?: string;
  value: string | Buffer | null;
  headers?: Record<string, string>;
}

/**
 * A scripted stand-in for kafkajs, for the unit tests of the Kafka bus where no Kafka can run. It
 * keeps what was sent per topic (and by which producer), fails the next connects, topic creations
 * or sends with kafkajs's own errors, and lets a test play the group coordinator: join, crash
 * (with or without kafkajs's own restart), and hand a consumer a batch as kafkajs's runner does.
 */
export class ScriptedKafka implements KafkaClient {
  readonly producers: ScriptedProducer[] = [];
  readonly admins: ScriptedAdmin[] = [];
  readonly consumers: ScriptedConsumer[] = [];
  readonly topics = new Set<string>();
  readonly sent: { topic: string; message: Message; producer: number }[] = [];
  /** Connects of producers, and of admins, still to fail, as while the brokers are down. */
  failingProducerConnects = 0;
  failingAdminConnects = 0;
  /** Topic creations still to fail. */
  failingTopicCreations = 0;
  /** Errors the next sends throw, one each. */
  readonly sendErrors: Error[] = [];
  /** What a consumer does once `run` is called: by default it joins its group. */
  onRun: (consumer: ScriptedConsumer) => void = (consumer) => consumer.join();

  producer(config: ProducerConfig): KafkaProducer {
    const producer = new ScriptedProducer(this, this.producers.length, config);
    this.producers.push(producer);
    return producer;
  }

  admin(): KafkaAdmin {
    const admin = new ScriptedAdmin(this);
    this.admins.push(admin);
    return admin;
  }

  consumer(config: ConsumerConfig): KafkaConsumer {
    const consumer = new ScriptedConsumer(this, config);
    this.consumers.push(consumer);
    return consumer;
  }

  sentTo(topic: string): Message[] {
    return this.sent.filter((entry) => entry.topic === topic).map((entry) => entry.message);
  }

  /** The connection failure kafkajs reports while no broker answers. */
  connectFailure(of: 'producer' | 'admin'): void {
    const failing = of === 'producer' ? this.failingProducerConnects : this.failingAdminConnects;
    if (failing <= 0) return;
    if (of === 'producer') this.failingProducerConnects -= 1;
    else this.failingAdminConnects -= 1;
    throw new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092', { broker: '127.0.0.1:9092' });
  }
}

export class ScriptedProducer implements KafkaProducer {
  connected = false;
  disconnected = false;

  constructor(
    private readonly kafka: ScriptedKafka,
    readonly index: number,
    readonly config: ProducerConfig,
  ) {}

  async connect(): Promise<void> {
    this.kafka.connectFailure('producer');
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  async send(record: ProducerRecord): Promise<RecordMetadata[]> {
    if (!this.connected || this.disconnected) throw new Error('The producer is disconnected');
    if (!this.kafka.topics.has(record.topic)) throw new Error(`Producing to topic without metadata: ${record.topic}`);
    const error = this.kafka.sendErrors.shift();
    if (error) throw error;
    for (const message of record.messages) this.kafka.sent.push({ topic: record.topic, message, producer: this.index });
    return [{ topicName: record.topic, partition: 0, errorCode: 0 }];
  }
}

export class ScriptedAdmin implements KafkaAdmin {
  constructor(private readonly kafka: ScriptedKafka) {}

  async connect(): Promise<void> {
    this.kafka.connectFailure('admin');
  }

  async disconnect(): Promise<void> {
    // nothing held
  }

  async createTopics({ topics }: { topics: ITopicConfig[] }): Promise<boolean> {
    if (this.kafka.failingTopicCreations > 0) {
      this.kafka.failingTopicCreations -= 1;
      throw new KafkaJSConnectionError('Connection error: the controller does not answer');
    }
    const created = topics.filter(({ topic }) => !this.kafka.topics.has(topic));
    for (const { topic } of topics) this.kafka.topics.add(topic);
    return created.length > 0;
  }
}

export class ScriptedConsumer implements KafkaConsumer {
  runConfig: ConsumerRunConfig | null = null;
  subscription: ConsumerSubscribeTopics | null = null;
  connected = false;
  disconnected = false;
  private readonly joinListeners: ((event: ConsumerGroupJoinEvent) => void)[] = [];
  private readonly crashListeners: ((event: ConsumerCrashEvent) => void)[] = [];
  private running = false;
  private nextOffset = 0;

  constructor(
    private readonly kafka: ScriptedKafka,
    readonly config: ConsumerConfig,
  ) {}

  on(eventName: 'consumer.group_join', listener: (event: ConsumerGroupJoinEvent) => void): () => void;
  on(eventName: 'consumer.crash', listener: (event: ConsumerCrashEvent) => void): () => void;
  on(
    eventName: 'consumer.group_join' | 'consumer.crash',
    listener: ((event: ConsumerGroupJoinEvent) => void) | ((event: ConsumerCrashEvent) => void),
  ): () => void {
    if (eventName === 'consumer.group_join') this.joinListeners.push(listener as (event: ConsumerGroupJoinEvent) => void);
    else this.crashListeners.push(listener as (event: ConsumerCrashEvent) => void);
    return () => undefined;
  }

  async connect(): Promise<void> {
    this.connected = true;
  }

  async disconnect(): Promise<void> {
    this.running = false;
    this.disconnected = true;
  }

  async subscribe(subscription: ConsumerSubscribeTopics): Promise<void> {
    this.subscription = subscription;
  }

  async run(config: ConsumerRunConfig): Promise<void> {
    this.runConfig = config;
    this.running = true;
    setImmediate(() => this.kafka.onRun(this));
  }

  join(): void {
    const event = { id: '1', type: 'consumer.group_join', timestamp: Date.now(), payload: {} } as ConsumerGroupJoinEvent;
    for (const listener of this.joinListeners) listener(event);
  }

  /** kafkajs's onCrash: it has disconnected the consumer, then tells the listeners whether it restarts it. */
  crash(error: Error, restart: boolean): void {
    this.running = restart;
    const event: ConsumerCrashEvent = {
      id: '2',
      type: 'consumer.crash',
      timestamp: Date.now(),
      payload: { error, groupId: this.config.groupId, restart },
    };
    for (const listener of this.crashListeners) listener(event);
  }

  /** Hands one partition's batch to eachBatch, as kafkajs's runner does; resolves with the offsets resolved. */
  async deliver(partition: number, messages: DeliveredMessage[]): Promise<string[]> {
    const eachBatch = this.runConfig?.eachBatch;
    if (!eachBatch) throw new Error('The consumer does not run');
    const topic = this.subscription?.topics[0];
    if (typeof topic !== 'string') throw new Error('The consumer has no topic');
    const resolved: string[] = [];
    const batch = {
      topic,
      partition,
      messages: messages.map((message) => ({
        key: message.key === undefined ? null : Buffer.from(message.key),
        value: message.value === null ? null : Buffer.from(message.value),
        headers: message.headers ?? {},
        offset: String(this.nextOffset++),
        timestamp: String(Date.now()),
        attributes: 0,
      })),
    };
    const payload = {
      batch,
      resolveOffset: (offset: string) => void resolved.push(offset),
      heartbeat: async () => undefined,
      pause: () => () => undefined,
      commitOffsetsIfNecessary: async () => undefined,
      uncommittedOffsets: () => ({ topics: [] }),
      isRunning: () => this.running,
      isStale: () => false,
    } as unknown as EachBatchPayload;
    await eachBatch(payload);
    return resolved;
  }
}
