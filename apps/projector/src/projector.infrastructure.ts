import { appConfig, eventStore, platformPool, readModel, schema, type Resource } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';

/** What the projector opens: the event store it reads, the read models it writes, and the pool /health asks. */
export const projectorResources = (settings: RuntimeSettings, service = 'projector'): Resource[] => [
  schema(settings, service),
  appConfig(settings),
  platformPool(settings, service),
  eventStore(settings, service),
  readModel(settings, service),
];
