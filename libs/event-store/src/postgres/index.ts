export * from './postgres-event-store';
export * from './postgres-event-store.options';
export { eventStoreTables, type EventStoreTables, APPENDED_CHANNEL } from './postgres-schema';
