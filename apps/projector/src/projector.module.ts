import { Inject, Logger, Module, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { PasserelleMetrics } from '@passerelle/observability';
import { ALL_PROJECTIONS, ProjectionLeaders, ProjectionRunner } from '@passerelle/projections';
import type { DataSource } from 'typeorm';

export const PROJECTION_RUNNERS = Symbol('PROJECTION_RUNNERS');

/**
 * Runs every projection from its checkpoint (nothing that must survive a restart
 * rides the in-process EventBus). Stopping commits what was delivered, then lets go. A runner
 * runs only while this instance leads its projection (ProjectionLeaders), so several projector
 * instances may share one database.
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

  private readonly leaders: ProjectionLeaders;

  constructor(
    @Inject(PROJECTION_RUNNERS) runners: ProjectionRunner[],
    @Inject(APP_CONFIG) settings: RuntimeSettings,
    @Optional() @Inject(PasserelleMetrics) private readonly metrics?: PasserelleMetrics,
  ) {
    const named = runners.map((runner, index) => ({ name: ALL_PROJECTIONS[index]?.name ?? `projection-${index}`, runner }));
    this.leaders = new ProjectionLeaders(named, settings.databaseUrl);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.leaders.start();
    this.metrics?.observeProjections(() => this.leaders.samples());
    this.logger.log(`Projections led by this instance: ${this.leaders.leading().join(', ') || 'none yet (following)'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leaders.stop();
  }
}
