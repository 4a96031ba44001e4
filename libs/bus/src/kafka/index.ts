export * from './kafka-bus';
export * from './kafka-bus.options';
