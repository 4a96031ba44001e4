export { ConfigError } from './config.error';
export { ensureEmbeddedSecrets, type EmbeddedSecrets } from './embedded-secrets';
export { DEFAULT_DATA_DIR, DEFAULT_PLACE_REQUEST_EXPIRY_INTERVAL_MS, DEFAULT_RETRY_SCHEDULE_MS, loadConfig, type Env } from './load-config';
export {
  DEFAULT_RATE_LIMITS,
  LOG_LEVELS,
  type BusConfig,
  type EventStoreConfig,
  type LogLevel,
  type PasserelleConfig,
  type RateLimits,
} from './passerelle.config';
export type { RateLimit } from './config-rules';
export { runtimeSettings, type ResolvedConnection, type RuntimeSettings } from './runtime-settings';
export { APP_CONFIG, LINKAGE_SECRET } from './config.tokens';
