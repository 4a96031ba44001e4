import { Inject, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { READ_MODEL } from '@passerelle/platform';
import { ALL_PROJECTIONS, ProjectionRunner } from '@passerelle/projections';
import type { DataSource } from 'typeorm';

export const PROJECTION_RUNNERS = Symbol('PROJECTION_RUNNERS');

/**
 * Runs every projection from its checkpoint (STYLE rule 10: nothing that must survive a restart
 * rides the in-process EventBus). Stopping commits what was delivered, then lets go.
 */
@Module({
  providers: [
    {
      provide: PROJECTION_RUNNERS,
      inject: [EVENT_STORE, READ_MODEL],
      useFactory: (store: EventStore, dataSource: DataSource) =>
        ALL_PROJECTIONS.map((projection) => new ProjectionRunner({ projection, store, dataSource })),
    },
  ],
  exports: [PROJECTION_RUNNERS],
})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');

  constructor(@Inject(PROJECTION_RUNNERS) private readonly runners: ProjectionRunner[]) {}

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.start()));
    this.logger.log(`Running projections: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }
}
