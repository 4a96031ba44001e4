/** Every checkpointed subscriber of the event store, declared in one catalogue (subscribers.catalogue.ts). */
export * from './subscribers.catalogue';
export * from './relay.projection';
export * from './place-requests';
export * from './relay-leader';
