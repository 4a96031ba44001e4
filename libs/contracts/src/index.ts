/** Published, versioned integration events and webhook payloads (docs/architecture.md#event-envelope-and-scope). */
export * from './integration-events';
export * from './audience';
export * from './to-integration-event';
export * from './webhook-payload';
export * from './bus-topics';
