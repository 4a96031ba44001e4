import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';
import { ObservabilityModule } from '@passerelle/observability';
import { projectorResources } from '../../projector/src/projector.infrastructure';
import { ProjectorModule } from '../../projector/src/projector.module';
import { relayResources } from '../../relay/src/relay.infrastructure';
import { RelayModule } from '../../relay/src/relay.module';
import { webhookDispatcherResources } from '../../webhook-dispatcher/src/webhook-dispatcher.infrastructure';
import { WebhookDispatcherModule } from '../../webhook-dispatcher/src/webhook-dispatcher.module';

/**
 * Everything of the embedded default that works from checkpointed subscriptions rather than HTTP:
 * projector, relay, webhook dispatcher. `npm start` runs it on its own thread
 * (background-thread.ts), so read models and deliveries never take the API's event loop.
 */
@Module({})
export class BackgroundModule {
  static forRoot(settings: RuntimeSettings, service = 'standalone-background'): DynamicModule {
    const resources = [
      ...projectorResources(settings, service),
      ...relayResources(settings, service),
      ...webhookDispatcherResources(settings, service),
    ];
    return {
      module: BackgroundModule,
      imports: [
        InfrastructureModule.forRoot(resources),
        ObservabilityModule.forRoot({ service, logLevel: settings.logLevel }),
        ProjectorModule,
        RelayModule,
        WebhookDispatcherModule,
      ],
    };
  }
}
