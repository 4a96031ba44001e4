export * from './database';
export * from './decider-specification';
