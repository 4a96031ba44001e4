import type { MigrationSet } from '@passerelle/migrations';
import type { EntitySchema } from 'typeorm';
import {
  COORDINATION_MIGRATIONS,
  COORDINATION_REPLAY_LANES,
  COORDINATION_TABLES,
  COORDINATION_UPDATED_BY_FINISH,
  coordinationProjection,
  coordinationReplayProjection,
  finishCoordination,
} from '../coordination/coordination.projection';
import { DIRECTORY_ENTITIES, DIRECTORY_MIGRATIONS, directoryProjection } from '../directory/directory.projection';
import { INBOX_ENTITIES, INBOX_LANES, INBOX_MIGRATIONS, inboxProjection } from '../inbox/inbox.projection';
import { RESEARCH_ENTITIES, RESEARCH_LANES, RESEARCH_READ_MODEL_MIGRATIONS, researchProjection } from '../research/research.projection';
import type { FinishStep, Projection } from '../runner/projection';
import { ACTIVITY_MIGRATIONS, ACTIVITY_TABLES, activityProjection } from '../activity/activity.projection';

/** What a rebuild needs to know about a read model: how to feed it, its tables, and how to create them. */
export interface RebuildTarget {
  projection: Projection;
  /** Every table the projection writes (and nothing else it must keep, such as the research ε ledger). */
  tables: string[];
  /** The read model's own migrations, run again (unrecorded) with the search path on a shadow schema. */
  migrations: MigrationSet;
  /**
   * Rows derived from the others, computed once after the replay instead of after every batch:
   * independent steps, each in a transaction of its own, run side by side (each with the steps
   * that follow it).
   */
  finish?: readonly FinishStep[];
  /**
   * The tables whose rows `finish` updates: replayed into half-full pages so that each update stays
   * on its page and adds no index entry, then packed when made durable (shadow-schema.ts). Their
   * migrations must set no fillfactor of their own.
   */
  updatedByFinish?: readonly string[];
  /** Applies what was appended during the replay, after `finish` (default `projection`): keeps derived rows up to date. */
  catchUp?: Projection;
  /**
   * The replay of `projection` cut into independent parts, each reading the events on its own and
   * writing only its own tables, so that they run side by side (one transaction per batch each):
   * what one prepares in Node overlaps what another waits for from PostgreSQL. Default: one lane,
   * `projection`. Their union must build exactly what `projection` builds (test/e2e/rebuild.e2e-spec.ts).
   */
  lanes?: readonly Projection[];
}

const tablesOf = (entities: readonly EntitySchema[]) => entities.map((entity) => entity.options.tableName ?? entity.options.name);

export const REBUILD_TARGETS: Record<string, RebuildTarget> = {
  inbox: { projection: inboxProjection, lanes: INBOX_LANES, tables: tablesOf(INBOX_ENTITIES), migrations: INBOX_MIGRATIONS },
  directory: { projection: directoryProjection, tables: tablesOf(DIRECTORY_ENTITIES), migrations: DIRECTORY_MIGRATIONS },
  coordination: {
    projection: coordinationReplayProjection,
    lanes: COORDINATION_REPLAY_LANES,
    catchUp: coordinationProjection,
    tables: COORDINATION_TABLES,
    migrations: COORDINATION_MIGRATIONS,
    finish: finishCoordination,
    updatedByFinish: COORDINATION_UPDATED_BY_FINISH,
  },
  research: {
    projection: researchProjection,
    lanes: RESEARCH_LANES,
    tables: tablesOf(RESEARCH_ENTITIES),
    migrations: RESEARCH_READ_MODEL_MIGRATIONS,
  },
  activity: { projection: activityProjection, tables: ACTIVITY_TABLES, migrations: ACTIVITY_MIGRATIONS },
};

/** `inbox`, …, or `all`; a coded error naming the choices otherwise. */
export function rebuildTargets(name: string): RebuildTarget[] {
  if (name === 'all') return Object.values(REBUILD_TARGETS);
  const target = REBUILD_TARGETS[name];
  if (!target) throw new Error(`unknown read model "${name}"; choose one of ${[...Object.keys(REBUILD_TARGETS), 'all'].join(', ')}`);
  return [target];
}
