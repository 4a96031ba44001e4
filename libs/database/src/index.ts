export * from './database.tokens';
