export * from './event-store.port';
export * from './postgres';
// Not re-exported, import them by path: `@passerelle/event-store/eventstoredb` (loads its gRPC
// client only when chosen) and `@passerelle/event-store/in-memory` (tests only, which
// .dependency-cruiser.js can check only if no barrel hides the import).
