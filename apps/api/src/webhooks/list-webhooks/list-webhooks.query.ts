import type { Actor } from '@passerelle/domain';

/** A partner's own endpoints, never another organisation's. */
export class ListWebhooksQuery {
  constructor(readonly actor: Actor) {}
}
