import type { Actor } from '@passerelle/domain';
import type { DeliveryStatus } from '@passerelle/webhooks';

export interface DeliveryPage {
  status: DeliveryStatus | undefined;
  /** Deliveries of events strictly before this global position (the previous page's nextCursor). */
  before: bigint | undefined;
  limit: number;
}

export class ListDeliveriesQuery {
  constructor(
    readonly actor: Actor,
    readonly webhookId: string,
    readonly page: DeliveryPage,
  ) {}
}
