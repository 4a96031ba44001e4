export * from './postgres-event-store';
export * from './postgres-event-store.options';
export { eventStoreTables, type EventStoreTables, APPENDED_CHANNEL, EVENT_STORE_MIGRATIONS } from './postgres-schema';
