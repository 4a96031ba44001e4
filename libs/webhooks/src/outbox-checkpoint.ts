/** Checkpoint name of the projection that fills the outbox (a row of `projection_checkpoints`). */
export const OUTBOX_PROJECTION = 'webhook-outbox';
