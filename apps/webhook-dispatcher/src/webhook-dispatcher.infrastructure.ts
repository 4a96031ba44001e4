import { appConfig, eventStore, platformPool, readModel, schema, type Resource } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';

/** What the dispatcher opens: the event store it reads, the webhook tables (platform pool), its checkpoint. */
export const webhookDispatcherResources = (settings: RuntimeSettings, service = 'webhook-dispatcher'): Resource[] => [
  schema(settings, service),
  appConfig(settings),
  platformPool(settings, service),
  eventStore(settings, service),
  readModel(settings, service),
];
