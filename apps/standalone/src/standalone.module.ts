import { Inject, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { InfrastructureModule } from '@passerelle/composition';
import type { RuntimeSettings } from '@passerelle/config';
import { NotReadyError, ObservabilityModule, PasserelleMetrics, ReadinessProbes } from '@passerelle/observability';
import { apiResources } from '../../api/src/api.infrastructure';
import { ApiModule } from '../../api/src/api.module';
import { projectorResources } from '../../projector/src/projector.infrastructure';
import { ProjectorModule } from '../../projector/src/projector.module';
import { relayResources } from '../../relay/src/relay.infrastructure';
import { RelayModule } from '../../relay/src/relay.module';
import { webhookDispatcherResources } from '../../webhook-dispatcher/src/webhook-dispatcher.infrastructure';
import { WebhookDispatcherModule } from '../../webhook-dispatcher/src/webhook-dispatcher.module';
import { BackgroundThread } from './background-thread';

/**
 * The embedded default: every app of the network, over the union of the resources each composes
 * (InfrastructureModule keeps the first per token).
 * - `forRoot(settings)`: every app in this thread (tests, which drive it in-process).
 * - `withBackgroundThread(settings, thread)`: the API here, projector + relay + dispatcher on the
 *   background thread (`npm start`), so subscribers never take the API's event loop.
 */
@Module({})
export class StandaloneModule {
  static forRoot(settings: RuntimeSettings): DynamicModule {
    const resources = [
      ...apiResources(settings, 'standalone'),
      ...projectorResources(settings, 'standalone'),
      ...relayResources(settings, 'standalone'),
      ...webhookDispatcherResources(settings, 'standalone'),
    ];
    return {
      module: StandaloneModule,
      imports: [
        InfrastructureModule.forRoot(resources),
        ObservabilityModule.forRoot({ service: 'standalone', logLevel: settings.logLevel }),
        ApiModule,
        ProjectorModule,
        RelayModule,
        WebhookDispatcherModule,
      ],
    };
  }

  static withBackgroundThread(settings: RuntimeSettings, thread: BackgroundThread): DynamicModule {
    return {
      module: StandaloneModule,
      imports: [
        InfrastructureModule.forRoot(apiResources(settings, 'standalone')),
        ObservabilityModule.forRoot({ service: 'standalone', logLevel: settings.logLevel }),
        ApiModule,
      ],
      providers: [{ provide: BackgroundThread, useValue: thread }, BackgroundThreadHealth],
    };
  }
}

/**
 * /health says not ready while the background thread is down, or while one of its projections is
 * failed (read from its metrics, which cross the thread anyway); /metrics includes its metrics.
 */
class BackgroundThreadHealth implements OnApplicationBootstrap {
  constructor(
    @Inject(BackgroundThread) private readonly thread: BackgroundThread,
    @Inject(ReadinessProbes) private readonly probes: ReadinessProbes,
    @Inject(PasserelleMetrics) private readonly metrics: PasserelleMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.probes.register('background', async () => {
      if (!this.thread.running) throw new Error('the background services are restarting');
    });
    this.probes.register('projections', async () => {
      const failed = (await this.thread.metrics())
        .filter((metric) => metric.name === 'passerelle_projection_failed')
        .flatMap((metric) => metric.values.filter((sample) => sample.value === 1).map((sample) => String(sample.labels.projection)));
      if (failed.length > 0) throw new NotReadyError(`failed: ${failed.join(', ')}`);
    });
    this.metrics.addRemote(() => this.thread.metrics());
  }
}
