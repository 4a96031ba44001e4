import { Module, type DynamicModule } from '@nestjs/common';
import { InfrastructureModule, ObservabilityModule, type RuntimeSettings } from '@passerelle/platform';
import { ApiModule } from '../../api/src/api.module';
import { ProjectorModule } from '../../projector/src/projector.module';
import { RelayModule } from '../../relay/src/relay.module';
import { WebhookDispatcherModule } from '../../webhook-dispatcher/src/webhook-dispatcher.module';

/** The embedded default: every app of the network in one process (`npm start`). */
@Module({})
export class StandaloneModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    return { module: StandaloneModule, imports: [InfrastructureModule.forRoot(settings), ObservabilityModule.forRoot({ service: 'standalone', logLevel: settings.logLevel }), ApiModule, ProjectorModule, RelayModule, WebhookDispatcherModule] };
  }
}
