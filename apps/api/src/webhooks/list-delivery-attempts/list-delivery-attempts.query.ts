import type { Actor } from '@passerelle/domain';

export class ListDeliveryAttemptsQuery {
  constructor(
    readonly actor: Actor,
    readonly webhookId: string,
    readonly eventId: string,
  ) {}
}
