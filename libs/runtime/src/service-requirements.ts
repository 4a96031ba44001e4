import { ConfigError } from '@passerelle/config';
import type { PasserelleConfig } from '@passerelle/config';

export type ExternalConfig = Extract<PasserelleConfig, { mode: 'external' }>;

/**
 * A split service shares one PostgreSQL with the others: an embedded server per process would
 * give each service its own, empty database.
 */
export function requireExternalDatabase(config: PasserelleConfig, service: string): asserts config is ExternalConfig {
  if (config.mode === 'external') return;
  throw new ConfigError([
    `DATABASE_URL is required: the ${service} service shares one PostgreSQL with the other services (npm start runs every service in one process on an embedded server instead)`,
  ]);
}

/**
 * For services that exchange messages with other processes (relay, webhook dispatcher): the
 * in-process bus only reaches subscribers in the same process, so with BUS=inprocess their
 * messages would silently go nowhere.
 */
export function requireCrossProcessBus(config: PasserelleConfig, service = 'this'): void {
  if (config.bus.kind === 'kafka') return;
  throw new ConfigError([
    `BUS=kafka is required: the ${service} service exchanges messages with other processes, which BUS=inprocess cannot reach (set BUS=kafka and KAFKA_BROKERS, or run npm start for the single-process default)`,
  ]);
}
