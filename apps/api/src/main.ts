import 'reflect-metadata';
import { ApiKeyStore } from '@passerelle/auth';
import { InfrastructureModule } from '@passerelle/composition';
import { exitOnStartFailure, runService } from '@passerelle/runtime';
import { apiResources } from './api.infrastructure';
import { ApiModule } from './api.module';
import { configureHttpApp } from './http-app';

/**
 * The HTTP API alone (`npm run start:api`): commands and queries, /health, /metrics, /docs.
 * Projections, the relay and the webhook dispatcher run as their own services against the same
 * DATABASE_URL (and event store); reads wait for the projector through the shared checkpoints.
 */
runService({
  name: 'api',
  infrastructure: (settings) => InfrastructureModule.forRoot(apiResources(settings)),
  imports: [ApiModule],
  configure: (app, settings) => configureHttpApp(app, settings),
  started: async (app, settings) => {
    if (settings.bootstrapAdminKey) await app.get(ApiKeyStore).ensureBootstrapAdmin(settings.bootstrapAdminKey);
  },
}).catch(exitOnStartFailure('api'));
