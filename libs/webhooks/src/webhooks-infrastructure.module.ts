import { Module } from '@nestjs/common';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { PG_POOL } from '@passerelle/database';
import type { Pool } from 'pg';
import { DeliveryLog } from './deliveries/delivery-log';
import { WebhookEndpointStore } from './endpoints/webhook-endpoint.store';
import { SecretBox } from './secrets/secret-box';
import { webhookSettings } from './webhook-settings';
import { migrateWebhookTables } from './webhooks.schema';

export const WEBHOOK_SETTINGS = Symbol('WEBHOOK_SETTINGS');

/**
 * What the API's webhook slices and the dispatcher share: settings, the sealed secrets, the
 * endpoint store and the delivery log, over tables this module creates at start (either app may
 * start first, or alone).
 */
@Module({
  providers: [
    { provide: WEBHOOK_SETTINGS, inject: [APP_CONFIG], useFactory: (settings: RuntimeSettings) => webhookSettings(settings) },
    { provide: SecretBox, inject: [APP_CONFIG], useFactory: (settings: RuntimeSettings) => new SecretBox(settings.masterKey) },
    {
      provide: WebhookEndpointStore,
      inject: [PG_POOL, SecretBox],
      useFactory: async (pool: Pool, box: SecretBox) => {
        await migrateWebhookTables(pool);
        return new WebhookEndpointStore(pool, box);
      },
    },
    // After the endpoint store, whose factory creates the tables.
    { provide: DeliveryLog, inject: [PG_POOL, WebhookEndpointStore], useFactory: (pool: Pool) => new DeliveryLog(pool) },
  ],
  exports: [WEBHOOK_SETTINGS, SecretBox, WebhookEndpointStore, DeliveryLog],
})
export class WebhooksInfrastructureModule {}
