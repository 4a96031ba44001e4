import type { MigrationSet } from '@passerelle/migrations';
import { ACTIVITY_MIGRATIONS } from './activity/activity.migration';
import { COORDINATION_ENTITIES, COORDINATION_MIGRATIONS } from './coordination/coordination.projection';
import { DIRECTORY_ENTITIES, DIRECTORY_MIGRATIONS } from './directory/directory.projection';
import { INBOX_ENTITIES, INBOX_MIGRATIONS } from './inbox/inbox.projection';
import { RESEARCH_ENTITIES, RESEARCH_MIGRATIONS } from './research/research.projection';
import { PROJECTION_RUNNER_MIGRATIONS } from './runner/projection-checkpoints.migration';

/**
 * The read models' entities and tables. Which subscribers run, and where, is declared once, in
 * libs/subscribers/src/subscribers.catalogue.ts (read models, webhook outbox, relay).
 */
export const READ_MODEL_ENTITIES = [...INBOX_ENTITIES, ...DIRECTORY_ENTITIES, ...COORDINATION_ENTITIES, ...RESEARCH_ENTITIES];
/** The runner's checkpoints and every read model's tables, in order (docs/adr/0006-one-schema-mechanism.md). */
export const READ_MODEL_MIGRATIONS: MigrationSet[] = [
  PROJECTION_RUNNER_MIGRATIONS,
  INBOX_MIGRATIONS,
  DIRECTORY_MIGRATIONS,
  COORDINATION_MIGRATIONS,
  ...RESEARCH_MIGRATIONS,
  ACTIVITY_MIGRATIONS,
];
