/** Webhook endpoints, the durable outbox and its delivery log, shared by the API and the dispatcher (docs/webhooks.md). */
export * from './webhook-settings';
export * from './webhooks.schema';
export * from './outbox-checkpoint';
export * from './endpoints/webhook-endpoint';
export * from './endpoints/webhook-endpoint.store';
export * from './secrets/secret-box';
export * from './secrets/reseal-endpoint-secrets';
export * from './secrets/webhook-secret';
export * from './url-safety/address-class';
export * from './url-safety/webhook-url.policy';
export * from './retry/retry.policy';
export * from './deliveries/outbox.projection';
export * from './deliveries/delivery-log';
export * from './deliveries/delivery-attempts';
export * from './deliveries/replay';
export * from './webhooks-infrastructure.module';
