import type { MessageBus } from './bus.port';
import { InProcessBus } from './inprocess';
import { KafkaBus } from './kafka';

export type BusSettings = { kind: 'inprocess' } | { kind: 'kafka'; brokers: string[] };

/** The adapter the configuration names (BUS=inprocess|kafka, KAFKA_BROKERS). */
export function createBus(settings: BusSettings): MessageBus {
  return settings.kind === 'kafka' ? new KafkaBus({ brokers: settings.brokers }) : new InProcessBus();
}
