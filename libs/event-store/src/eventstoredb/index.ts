/**
 * The EventStoreDB adapter. Import it as `@passerelle/event-store/eventstoredb`: it is not
 * re-exported from the event-store barrel, so that only code that chose EventStoreDB loads its
 * gRPC client (and .dependency-cruiser.js lets only this folder import `@eventstore/db-client`).
 */
export { EventStoreDbEventStore, createEventStoreDbEventStore } from './eventstoredb-event-store';
export type { EventStoreDbEventStoreOptions } from './eventstoredb-event-store.options';
export type { ResubscribeOptions } from './resubscribing-subscription';
export { PASSERELLE_STREAM_PREFIXES } from './stream-names';
