export * from './access-log.store';
