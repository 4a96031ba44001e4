/** Checkpointed projections and their read models (docs/architecture.md#read-models-and-checkpoints). */
export * from './read-model.data-source';
export * from './read-model.columns';

export * from './runner/projection';
export * from './runner/projection-runner';
export * from './runner/projection-leader';
export * from './runner/projection-leaders';
export * from './runner/projection-runner.options';
export * from './runner/checkpoint-store';
export * from './runner/checkpoint-refusals';
export { CheckpointMovedError } from './runner/commit-batch';
export * from './runner/wait-for-checkpoint';
export * from './runner/read-model-table';
export { runPrepared } from './runner/run-prepared';
export * from './runner/backoff';
export { PROJECTION_RUNNER_MIGRATIONS } from './runner/projection-checkpoints.migration';

export * from './inbox/inbox.events';
export * from './inbox/inbox-case.entity';
export * from './inbox/inbox-referral.entity';
export * from './inbox/inbox-place-request.entity';
export * from './inbox/inbox-place-request.evolve';
export * from './inbox/inbox-case.evolve';
export * from './inbox/inbox-referral.evolve';
export * from './inbox/inbox-case.state';
export * from './inbox/inbox-cursor';
export * from './inbox/inbox.projection';
export * from './inbox/inbox.query';

export * from './directory';
export * from './activity';
export * from './coordination';
export * from './research';
export * from './rebuild';
export * from './catalogue';
export * from './inbox/referral-standing';
