import { Inject, Logger, Module, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { PG_POOL, READ_MODEL } from '@passerelle/database';
import { PasserelleMetrics } from '@passerelle/observability';
import { ProjectionRunner, runnerSamples } from '@passerelle/projections';
import { subscribersOf } from '@passerelle/subscribers';
import {
  DeliveryAttempts,
  WEBHOOK_SETTINGS,
  WebhookEndpointStore,
  WebhooksInfrastructureModule,
  type WebhookSettings,
} from '@passerelle/webhooks';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { AttemptHistoryPurge } from './delivery/attempt-history-purge';
import { DeliveryQueue } from './delivery/delivery-queue';
import { DeliveryWorker } from './delivery/delivery-worker';
import { HttpAttempts } from './delivery/http-attempt';
import { OutboxListener } from './delivery/outbox-listener';
import { Signer } from './delivery/signer';

export const OUTBOX_RUNNER = Symbol('OUTBOX_RUNNER');

/**
 * The webhook dispatcher (docs/webhooks.md): a checkpointed subscription fills the durable outbox, and a
 * worker delivers it with Standard Webhooks signatures, retries, dead letters and per-endpoint
 * slots. Runs inside `npm start` and on its own (main.ts); several instances may share one database.
 */
@Module({
  imports: [WebhooksInfrastructureModule],
  providers: [
    {
      provide: OUTBOX_RUNNER,
      inject: [EVENT_STORE, READ_MODEL],
      useFactory: (store: EventStore, dataSource: DataSource) =>
        new ProjectionRunner({ projection: subscribersOf('webhook-dispatcher'), store, dataSource }),
    },
    {
      provide: DeliveryWorker,
      inject: [PG_POOL, WebhookEndpointStore, WEBHOOK_SETTINGS],
      useFactory: (pool: Pool, endpoints: WebhookEndpointStore, settings: WebhookSettings) =>
        new DeliveryWorker(new DeliveryQueue(pool), endpoints, new HttpAttempts(settings), new Signer(), settings),
    },
    {
      provide: AttemptHistoryPurge,
      inject: [DeliveryAttempts],
      useFactory: (attempts: DeliveryAttempts) => new AttemptHistoryPurge(attempts, new Logger('WebhookDispatcher')),
    },
    {
      provide: OutboxListener,
      inject: [APP_CONFIG, DeliveryWorker],
      useFactory: (settings: RuntimeSettings, worker: DeliveryWorker) => new OutboxListener(settings.databaseUrl, () => worker.wake()),
    },
  ],
  exports: [OUTBOX_RUNNER, DeliveryWorker],
})
export class WebhookDispatcherModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('WebhookDispatcher');

  constructor(
    @Inject(OUTBOX_RUNNER) private readonly runner: ProjectionRunner,
    private readonly worker: DeliveryWorker,
    private readonly listener: OutboxListener,
    private readonly purge: AttemptHistoryPurge,
    @Optional() @Inject(PasserelleMetrics) private readonly metrics?: PasserelleMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    // Every instance runs the outbox (its batches are fenced by the checkpoint row): it runs here.
    this.metrics?.observeProjections(() => runnerSamples(this.runner, true));
    await this.listener.start();
    await this.worker.start();
    this.purge.start();
    this.logger.log('Delivering webhooks from the outbox');
  }

  /** First of the shutdown hooks: the pool is still open to record what was in flight. */
  async onModuleDestroy(): Promise<void> {
    await this.listener.close();
    await this.runner.stop();
    await this.worker.stop();
    await this.purge.stop();
  }
}
