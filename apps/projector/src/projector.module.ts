import { Inject, Logger, Module, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { PasserelleMetrics } from '@passerelle/observability';
import { ProjectionLeaders, ProjectionRunner } from '@passerelle/projections';
import { subscribersOf } from '@passerelle/subscribers';
import type { DataSource } from 'typeorm';

export const PROJECTION_RUNNERS = Symbol('PROJECTION_RUNNERS');

/** The group the projector runs: every read model on one subscription and one transaction per batch. */
export const READ_MODELS_GROUP = 'read-models';

/**
 * Runs every read model from its checkpoint (nothing that must survive a restart rides the
 * in-process EventBus), as one group: one read of the store and one commit per batch for all of
 * them, each keeping its own checkpoint (so each is rebuilt on its own). Stopping commits what was
 * delivered, then lets go. The group runs only while this instance leads it (ProjectionLeaders),
 * so several projector instances may share one database, one of them working.
 */
@Module({
  providers: [
    {
      provide: PROJECTION_RUNNERS,
      inject: [EVENT_STORE, READ_MODEL],
      useFactory: (store: EventStore, dataSource: DataSource) => [
        new ProjectionRunner({ projection: subscribersOf('projector'), name: READ_MODELS_GROUP, store, dataSource }),
      ],
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
    this.leaders = new ProjectionLeaders(
      runners.map((runner) => ({ name: READ_MODELS_GROUP, runner })),
      settings.databaseUrl,
    );
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
