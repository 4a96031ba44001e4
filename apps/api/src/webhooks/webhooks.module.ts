import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { PG_POOL } from '@passerelle/database';
import { ReplayQueue, WebhookEndpointStore, WebhooksInfrastructureModule } from '@passerelle/webhooks';
import type { Pool } from 'pg';
import { DeleteWebhookHandler } from './delete-webhook/delete-webhook.handler';
import { DeleteWebhookController } from './delete-webhook/delete-webhook.http.controller';
import { GetWebhookHandler } from './get-webhook/get-webhook.handler';
import { GetWebhookController } from './get-webhook/get-webhook.http.controller';
import { ListDeliveriesHandler } from './list-deliveries/list-deliveries.handler';
import { ListDeliveriesController } from './list-deliveries/list-deliveries.http.controller';
import { ListDeliveryAttemptsHandler } from './list-delivery-attempts/list-delivery-attempts.handler';
import { ListDeliveryAttemptsController } from './list-delivery-attempts/list-delivery-attempts.http.controller';
import { ListWebhooksHandler } from './list-webhooks/list-webhooks.handler';
import { ListWebhooksController } from './list-webhooks/list-webhooks.http.controller';
import { RegisterWebhookHandler } from './register-webhook/register-webhook.handler';
import { RegisterWebhookController } from './register-webhook/register-webhook.http.controller';
import { ReplayWebhookHandler } from './replay-webhook/replay-webhook.handler';
import { ReplayWebhookController } from './replay-webhook/replay-webhook.http.controller';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret/rotate-webhook-secret.handler';
import { RotateWebhookSecretController } from './rotate-webhook-secret/rotate-webhook-secret.http.controller';

/** `POST/GET/DELETE /v1/webhooks`, secret rotation, the delivery log with each delivery's attempts, and replay (docs/webhooks.md). */
@Module({
  imports: [WebhooksInfrastructureModule],
  controllers: [
    RegisterWebhookController,
    ListWebhooksController,
    GetWebhookController,
    DeleteWebhookController,
    RotateWebhookSecretController,
    ListDeliveriesController,
    ListDeliveryAttemptsController,
    ReplayWebhookController,
  ],
  providers: [
    RegisterWebhookHandler,
    ListWebhooksHandler,
    GetWebhookHandler,
    DeleteWebhookHandler,
    RotateWebhookSecretHandler,
    ListDeliveriesHandler,
    ListDeliveryAttemptsHandler,
    ReplayWebhookHandler,
    {
      provide: ReplayQueue,
      // After the endpoint store, whose factory creates the tables.
      inject: [PG_POOL, EVENT_STORE, WebhookEndpointStore],
      useFactory: (pool: Pool, store: EventStore) => new ReplayQueue(pool, store),
    },
  ],
})
export class WebhooksModule {}
