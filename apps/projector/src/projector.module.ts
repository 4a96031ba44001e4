import { Inject, Logger, Module, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { APP_CONFIG, DEFAULT_PLACE_REQUEST_EXPIRY_INTERVAL_MS, type RuntimeSettings } from '@passerelle/config';
import { READ_MODEL } from '@passerelle/database';
import { PasserelleMetrics } from '@passerelle/observability';
import { ProjectionLeader, ProjectionLeaders, ProjectionRunner } from '@passerelle/projections';
import { PLACE_REQUEST_PROCESS, PlaceRequestExpiry, PlaceRequestExpiryLoop, subscribersOf } from '@passerelle/subscribers';
import type { DataSource } from 'typeorm';

export const PROJECTION_RUNNERS = Symbol('PROJECTION_RUNNERS');

/** The group the projector runs: every read model on one subscription and one transaction per batch. */
export const READ_MODELS_GROUP = 'read-models';
/** The leader lock of the place-request expiry sweep: one process sweeps at a time. */
export const PLACE_REQUEST_EXPIRY_LEADER = 'place-request-expiry';

/**
 * Under load the read models' batches wait up to 150 ms for more events: each batch costs about a
 * dozen statements whatever its size (the coordination cells above all), so fewer, larger batches
 * cut the read models' CPU per command by about three quarters; the inbox then trails a busy
 * network by that much more (docs/adr/0015-read-model-batches-grow-under-load.md).
 */
const READ_MODELS_MAX_FLUSH_WINDOW_MS = 150;

/**
 * Runs every read model from its checkpoint (nothing that must survive a restart rides the
 * in-process EventBus), as one group: one read of the store and one commit per batch for all of
 * them, each keeping its own checkpoint (so each is rebuilt on its own). Stopping commits what was
 * delivered, then lets go. The group runs only while this instance leads it (ProjectionLeaders),
 * so several projector instances may share one database, one of them working.
 *
 * The place-request process manager runs on a subscription of its own (its appends never hold up a
 * read model's batch), and the expiry sweep under a leader lock of its own
 * (docs/adr/0012-place-requests.md).
 */
@Module({
  providers: [
    {
      provide: PROJECTION_RUNNERS,
      inject: [EVENT_STORE, READ_MODEL],
      useFactory: (store: EventStore, dataSource: DataSource) => [
        new ProjectionRunner({
          projection: subscribersOf('projector', {}, 'read-model'),
          name: READ_MODELS_GROUP,
          store,
          dataSource,
          maxFlushWindowMs: READ_MODELS_MAX_FLUSH_WINDOW_MS,
        }),
        new ProjectionRunner({
          projection: subscribersOf('projector', { store }, 'process-manager'),
          name: PLACE_REQUEST_PROCESS,
          store,
          dataSource,
        }),
      ],
    },
  ],
  exports: [PROJECTION_RUNNERS],
})
export class ProjectorModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');

  private readonly leaders: ProjectionLeaders;
  private readonly expiryLeader: ProjectionLeader | null;

  constructor(
    @Inject(PROJECTION_RUNNERS) runners: ProjectionRunner[],
    @Inject(APP_CONFIG) settings: RuntimeSettings,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(READ_MODEL) readModel: DataSource,
    @Optional() @Inject(PasserelleMetrics) private readonly metrics?: PasserelleMetrics,
  ) {
    this.leaders = new ProjectionLeaders(
      runners.map((runner, index) => ({ name: index === 0 ? READ_MODELS_GROUP : PLACE_REQUEST_PROCESS, runner })),
      settings.databaseUrl,
    );
    const intervalMs = settings.placeRequests ? settings.placeRequests.expiryIntervalMs : DEFAULT_PLACE_REQUEST_EXPIRY_INTERVAL_MS;
    const loop = intervalMs === null ? null : new PlaceRequestExpiryLoop(new PlaceRequestExpiry(store, readModel), intervalMs, this.logger);
    this.expiryLeader =
      loop &&
      new ProjectionLeader({
        connectionString: settings.databaseUrl,
        name: PLACE_REQUEST_EXPIRY_LEADER,
        lead: () => loop.start(),
        resign: () => loop.stop(),
      });
  }

  async onApplicationBootstrap(): Promise<void> {
    await Promise.all([this.leaders.start(), this.expiryLeader?.start()]);
    this.metrics?.observeProjections(() => this.leaders.samples());
    this.logger.log(`Projections led by this instance: ${this.leaders.leading().join(', ') || 'none yet (following)'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.leaders.stop(), this.expiryLeader?.stop()]);
  }
}
