import { Module } from '@nestjs/common';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { PG_POOL } from '@passerelle/database';
import type { Pool } from 'pg';
import { DeliveryAttempts } from './deliveries/delivery-attempts';
import { DeliveryLog } from './deliveries/delivery-log';
import { WebhookEndpointStore } from './endpoints/webhook-endpoint.store';
import { SecretBox } from './secrets/secret-box';
import { webhookSettings, type WebhookSettings } from './webhook-settings';

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/**
 * What the API's webhook slices and the dispatcher share: settings, the sealed secrets, the
 * endpoint store and the delivery log, over the tables of WEBHOOK_MIGRATIONS (applied at start with
 * every module's, docs/adr/0006-one-schema-mechanism.md).
 */
@Module({
  providers: [
    { provide: WEBHOOK_SETTINGS, inject: [APP_CONFIG], useFactory: (settings: RuntimeSettings) => webhookSettings(settings) },
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (settings: RuntimeSettings) => new SecretBox(settings.masterKey) },
    {
      provide: WebhookEndpointStore,
      inject: [PG_POOL, SecretBox],
      useFactory: (pool: Pool, box: SecretBox) => new WebhookEndpointStore(pool, box),
    },
    { provide: DeliveryLog, inject: [PG_POOL], useFactory: (pool: Pool) => new DeliveryLog(pool) },
    {
      provide: DeliveryAttempts,
      inject: [PG_POOL, WEBHOOK_SETTINGS],
      useFactory: (pool: Pool, settings: WebhookSettings) => new DeliveryAttempts(pool, settings.attemptRetentionMs),
    },
  ],
  exports: [WEBHOOK_SETTINGS, SecretBox, WebhookEndpointStore, DeliveryLog, DeliveryAttempts],
})
export class WebhooksInfrastructureModule {}
