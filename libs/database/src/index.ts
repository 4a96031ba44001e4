export * from './database.tokens';
export * from './pg-pool';
