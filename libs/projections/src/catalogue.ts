import { COORDINATION_ENTITIES, COORDINATION_MIGRATIONS, coordinationProjection } from './coordination/coordination.projection';
import { DIRECTORY_ENTITIES, DIRECTORY_MIGRATIONS, directoryProjection } from './directory/directory.projection';
import { INBOX_ENTITIES, INBOX_MIGRATIONS, inboxProjection } from './inbox/inbox.projection';
import { RESEARCH_ENTITIES, RESEARCH_MIGRATIONS, researchProjection } from './research/research.projection';
import type { Projection } from './runner/projection';
import { PROJECTION_RUNNER_MIGRATIONS } from './runner/projection-checkpoints.migration';

/** Every read model the network keeps; `projections rebuild all` and the projector use this list. */
export const ALL_PROJECTIONS: Projection[] = [inboxProjection, directoryProjection, coordinationProjection, researchProjection];
export const READ_MODEL_ENTITIES = [...INBOX_ENTITIES, ...DIRECTORY_ENTITIES, ...COORDINATION_ENTITIES, ...RESEARCH_ENTITIES];
export const READ_MODEL_MIGRATIONS = [...PROJECTION_RUNNER_MIGRATIONS, ...INBOX_MIGRATIONS, ...DIRECTORY_MIGRATIONS, ...COORDINATION_MIGRATIONS, ...RESEARCH_MIGRATIONS];
