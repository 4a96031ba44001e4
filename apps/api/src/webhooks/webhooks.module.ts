import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { PG_POOL } from '@passerelle/platform';
import { ReplayQueue, WebhookEndpointStore, WebhooksInfrastructureModule } from '@passerelle/webhooks';
import type { Pool } from 'pg';
import { DeleteWebhookController } from './delete-webhook/delete-webhook.http.controller';
import { ListDeliveriesController } from './list-deliveries/list-deliveries.http.controller';
import { ListWebhooksController } from './list-webhooks/list-webhooks.http.controller';
import { RegisterWebhookController } from './register-webhook/register-webhook.http.controller';
import { ReplayWebhookController } from './replay-webhook/replay-webhook.http.controller';
import { RotateWebhookSecretController } from './rotate-webhook-secret/rotate-webhook-secret.http.controller';

/** `POST/GET/DELETE /v1/webhooks`, secret rotation, the delivery log and replay (docs/webhooks.md). */
@Module({
  imports: [WebhooksInfrastructureModule],
  controllers: [
    RegisterWebhookController, ListWebhooksController, DeleteWebhookController, RotateWebhookSecretController,
    ListDeliveriesController, ReplayWebhookController,
  ],
  providers: [
    {
      provide: ReplayQueue,
      // After the endpoint store, whose factory creates the tables.
      inject: [PG_POOL, EVENT_STORE, WebhookEndpointStore],
      useFactory: (pool: Pool, store: EventStore) => new ReplayQueue(pool, store),
    },
  ],
})
export class WebhooksApiModule {}
