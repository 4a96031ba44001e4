import { appConfig, eventStore, platformPool, readModel, schema, type Resource } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';

/** What the relay opens: the event store it reads, its checkpoint (read-model database), and the pool /health asks. */
export const relayResources = (settings: RuntimeSettings, service = 'relay'): Resource[] => [
  schema(settings, service),
  appConfig(settings),
  platformPool(settings, service),
  eventStore(settings, service),
  readModel(settings, service),
];
