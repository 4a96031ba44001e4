export * from './batch-settings';
export * from './database.tokens';
export * from './pg-pool';
export * from './transaction';
