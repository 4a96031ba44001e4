/**
 * The in-memory adapter. Import it as `@passerelle/event-store/in-memory`: it is not re-exported
 * from the event-store barrel, so that .dependency-cruiser.js can keep it out of the apps'
 * production code (an app importing the barrel would otherwise reach it unseen).
 */
export { InMemoryEventStore, type InMemoryEventStoreOptions, createInMemoryEventStore } from './in-memory-event-store';
export { InMemoryEventLog } from './in-memory-event-log';
