import { Inject, Logger, Module, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { createBus, MESSAGE_BUS, type MessageBus } from '@passerelle/bus';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { ProjectionRunner } from '@passerelle/projections';
import { subscribersOf } from '@passerelle/subscribers';
import type { DataSource } from 'typeorm';

export const RELAY_RUNNER = Symbol('RELAY_RUNNER');

/**
 * Publishes every integration event to the bus (BUS=inprocess|kafka) from its own checkpoint in
 * `projection_checkpoints`. Exports the bus for consumers running in the same process.
 */
@Module({
  providers: [
    {
      provide: MESSAGE_BUS,
      inject: [APP_CONFIG],
      useFactory: (settings: RuntimeSettings) => createBus(settings.bus ?? { kind: 'inprocess' }),
    },
    {
      provide: RELAY_RUNNER,
      inject: [EVENT_STORE, READ_MODEL, MESSAGE_BUS],
      useFactory: (store: EventStore, dataSource: DataSource, bus: MessageBus) =>
        new ProjectionRunner({ projection: subscribersOf('relay', { bus }), store, dataSource }),
    },
  ],
  exports: [MESSAGE_BUS],
})
export class RelayModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Relay');

  constructor(
    @Inject(RELAY_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
    this.logger.log('Relaying integration events to the bus');
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
    await this.bus.close();
  }
}
