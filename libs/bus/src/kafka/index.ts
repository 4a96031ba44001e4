export * from './kafka-bus';
export * from './kafka-bus.options';
export type { KafkaAdmin, KafkaClient, KafkaConsumer, KafkaProducer } from './kafka-client';
