import {
  Kafka,
  logLevel,
  type ConsumerConfig,
  type ConsumerCrashEvent,
  type ConsumerGroupJoinEvent,
  type ConsumerRunConfig,
  type ConsumerSubscribeTopics,
  type ITopicConfig,
  type ProducerConfig,
  type ProducerRecord,
  type RecordMetadata,
} from 'kafkajs';

/**
 * The part of kafkajs the bus uses, so that a scripted fake of it (testing/scripted-kafka.ts) can
 * stand in where no Kafka can run. kafkajs's own `Kafka` is one; errors are kafkajs's own
 * (KafkaJSConnectionError, KafkaJSProtocolError with its `type`, …).
 */
export interface KafkaClient {
  producer(config: ProducerConfig): KafkaProducer;
  consumer(config: ConsumerConfig): KafkaConsumer;
  admin(): KafkaAdmin;
}

export interface KafkaProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
}

export interface KafkaAdmin {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  createTopics(options: { waitForLeaders?: boolean; topics: ITopicConfig[] }): Promise<boolean>;
}

export interface KafkaConsumer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  subscribe(subscription: ConsumerSubscribeTopics): Promise<void>;
  run(config: ConsumerRunConfig): Promise<void>;
  on(eventName: 'consumer.group_join', listener: (event: ConsumerGroupJoinEvent) => void): () => void;
  on(eventName: 'consumer.crash', listener: (event: ConsumerCrashEvent) => void): () => void;
}

/** kafkajs itself, for `host:port` brokers; it logs its warnings and errors (never a message's content). */
export function kafkaClient(brokers: string[], clientId: string): KafkaClient {
  return new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
}
