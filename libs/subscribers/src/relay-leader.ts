import type { MessageBus } from '@passerelle/bus';
import type { EventStore } from '@passerelle/event-store';
import { ProjectionLeaders, ProjectionRunner, type ProjectionLeaderOptions, type ProjectionRunnerOptions } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { RELAY_CHECKPOINT } from './relay.projection';
import { subscribersOf } from './subscribers.catalogue';

const RELAY_MAX_FLUSH_WINDOW_MS = 60;

export interface RelayLeaderOptions {
  store: EventStore;
  /** Where the relay's checkpoint lives (the read-model database). */
  dataSource: DataSource;
  bus: MessageBus;
  /** The database of the leader lock: the projector's (one lock per name). */
  connectionString: string;
  runner?: Pick<ProjectionRunnerOptions, 'backoff' | 'logger' | 'batchSize' | 'onError'>;
  leader?: Pick<ProjectionLeaderOptions, 'intervalMs' | 'logger'>;
}

/**
 * The relay under the projector's leader election (ProjectionLeaders): one PostgreSQL advisory lock
 * named after the relay, so that of several relay replicas one publishes and another takes over
 * within about `intervalMs` when it dies. Should two overlap (a leader whose lock session is gone
 * but who does not know it yet), the relay's batches are fenced by its checkpoint row
 * (libs/projections/src/runner/commit-batch.ts): the second publishes nothing the first did.
 */
export function relayUnderLeaderElection(options: RelayLeaderOptions): { leaders: ProjectionLeaders; runner: ProjectionRunner } {
  const runner = new ProjectionRunner({
    ...options.runner,
    projection: subscribersOf('relay', { bus: options.bus }),
    store: options.store,
    dataSource: options.dataSource,
    // The bus's consumers are other systems: under load they may wait up to 60 ms more for fewer,
    // larger relay transactions (docs/adr/0015-read-model-batches-grow-under-load.md).
    maxFlushWindowMs: RELAY_MAX_FLUSH_WINDOW_MS,
  });
  const leaders = new ProjectionLeaders([{ name: RELAY_CHECKPOINT, runner }], options.connectionString, options.leader);
  return { leaders, runner };
}
