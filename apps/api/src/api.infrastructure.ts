import {
  apiKeys,
  appConfig,
  authInvalidation,
  eventStore,
  idempotency,
  keyring,
  linkageKeys,
  linkageSecret,
  organisationKindLookup,
  people,
  platformPool,
  readModel,
  schema,
  signIn,
  type Resource,
} from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';

/** What the API opens: every store it writes or reads, the keys, and the read models it queries. */
export const apiResources = (settings: RuntimeSettings, service = 'api'): Resource[] => [
  schema(settings, service),
  appConfig(settings),
  platformPool(settings, service),
  eventStore(settings, service),
  linkageSecret(settings),
  keyring(settings),
  linkageKeys(),
  authInvalidation(settings, service),
  apiKeys(),
  people(),
  ...signIn(settings),
  idempotency(settings),
  organisationKindLookup(),
  readModel(settings, service),
];
