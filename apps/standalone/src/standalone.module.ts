import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';
import { ObservabilityModule } from '@passerelle/observability';
import { apiResources } from '../../api/src/api.infrastructure';
import { ApiModule } from '../../api/src/api.module';
import { projectorResources } from '../../projector/src/projector.infrastructure';
import { ProjectorModule } from '../../projector/src/projector.module';
import { relayResources } from '../../relay/src/relay.infrastructure';
import { RelayModule } from '../../relay/src/relay.module';
import { webhookDispatcherResources } from '../../webhook-dispatcher/src/webhook-dispatcher.infrastructure';
import { WebhookDispatcherModule } from '../../webhook-dispatcher/src/webhook-dispatcher.module';

/**
 * The embedded default: every app of the network in one process (`npm start`), over the union of
 * the resources each app composes (one of each: InfrastructureModule keeps the first per token).
 */
@Module({})
export class StandaloneModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    const resources = [
      ...apiResources(settings, 'standalone'), ...projectorResources(settings, 'standalone'),
      ...relayResources(settings, 'standalone'), ...webhookDispatcherResources(settings, 'standalone'),
    ];
    return { module: StandaloneModule, imports: [InfrastructureModule.forRoot(resources), ObservabilityModule.forRoot({ service: 'standalone', logLevel: settings.logLevel }), ApiModule, ProjectorModule, RelayModule, WebhookDispatcherModule] };
  }
}
