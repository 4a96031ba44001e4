export * from './privacy-error';
export * from './master-key';
export * from './keyring';
export * from './linkage';
export * from './linkage-keys';
export { LruTtlCache } from './lru-ttl-cache';
export * from './access-log';
export type { RotationStep } from './master-key-rotation';
export { PRIVACY_MIGRATIONS } from './privacy.migration';
