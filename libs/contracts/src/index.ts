/** Published, versioned integration events and webhook payloads (STYLE rule 11). */
export * from './integration-events';
export * from './audience';
export * from './to-integration-event';
export * from './webhook-payload';
export * from './bus-topics';
