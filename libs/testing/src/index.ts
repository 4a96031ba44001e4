export * from './database';
export * from './decider-specification';
export * from './command-handler-specification';
