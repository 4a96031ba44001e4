import 'reflect-metadata';
import { exitOnStartFailure, OperationsModule, runService } from '@passerelle/platform';
import { WebhookDispatcherModule } from './webhook-dispatcher.module';

/**
 * The webhook dispatcher alone (`npm run start:webhook-dispatcher`). Its outbox is filled from its
 * own checkpointed subscription to the event store, so it needs no bus between processes.
 */
runService({ name: 'webhook-dispatcher', imports: [WebhookDispatcherModule, OperationsModule] })
  .catch(exitOnStartFailure('webhook-dispatcher'));
