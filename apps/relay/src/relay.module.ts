import { Inject, Logger, Module, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createBus, MESSAGE_BUS, type MessageBus } from '@passerelle/bus';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { PasserelleMetrics } from '@passerelle/observability';
import type { ProjectionLeaders } from '@passerelle/projections';
import { relayUnderLeaderElection } from '@passerelle/subscribers';
import type { DataSource } from 'typeorm';

export const RELAY_LEADERS = Symbol('RELAY_LEADERS');

/**
 * Publishes every integration event to the bus (BUS=inprocess|kafka) from its own checkpoint in
 * `projection_checkpoints`. Exports the bus for consumers running in the same process.
 *
 * Runs under the same leader election as the projector (libs/subscribers/src/relay-leader.ts): of
 * several relay replicas (deploy/k8s/relay.yaml) one publishes, so a key's messages are neither
 * doubled nor reordered, and another takes over within seconds when it dies.
 */
@Module({
  providers: [
    {
      provide: MESSAGE_BUS,
      inject: [APP_CONFIG],
      useFactory: (settings: RuntimeSettings) => createBus(settings.bus ?? { kind: 'inprocess' }),
    },
    {
      provide: RELAY_LEADERS,
      inject: [EVENT_STORE, READ_MODEL, MESSAGE_BUS, APP_CONFIG],
      useFactory: (store: EventStore, dataSource: DataSource, bus: MessageBus, settings: RuntimeSettings) =>
        relayUnderLeaderElection({ store, dataSource, bus, connectionString: settings.databaseUrl }).leaders,
    },
  ],
  exports: [MESSAGE_BUS],
})
export class RelayModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Relay');

  constructor(
    @Inject(RELAY_LEADERS) private readonly leaders: ProjectionLeaders,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Optional() @Inject(PasserelleMetrics) private readonly metrics?: PasserelleMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.leaders.start();
    this.metrics?.observeProjections(() => this.leaders.samples());
    const leading = this.leaders.leading().length > 0;
    this.logger.log(leading ? 'Relaying integration events to the bus' : 'Another relay publishes: following, ready to take over');
  }

  async onModuleDestroy(): Promise<void> {
    await this.leaders.stop();
    await this.bus.close();
  }
}
