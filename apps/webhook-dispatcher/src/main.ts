import 'reflect-metadata';
import { InfrastructureModule } from '@passerelle/composition';
import { OperationsModule } from '@passerelle/observability';
import { exitOnStartFailure, runService } from '@passerelle/runtime';
import { webhookDispatcherResources } from './webhook-dispatcher.infrastructure';
import { WebhookDispatcherModule } from './webhook-dispatcher.module';

/**
 * The webhook dispatcher alone (`npm run start:webhook-dispatcher`). Its outbox is filled from its
 * own checkpointed subscription to the event store, so it needs no bus between processes.
 */
runService({
  name: 'webhook-dispatcher',
  infrastructure: (settings) => InfrastructureModule.forRoot(webhookDispatcherResources(settings)),
  imports: [WebhookDispatcherModule, OperationsModule],
}).catch(exitOnStartFailure('webhook-dispatcher'));
