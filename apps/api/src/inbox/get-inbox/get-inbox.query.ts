import type { Actor } from '@passerelle/domain';

export interface InboxFilter {
  direction: 'received' | 'sent';
  status: 'referred' | 'accepted' | 'declined' | 'withdrawn' | 'closed' | undefined;
  cursor: string | undefined;
  limit: number;
  /** Read-your-writes: wait briefly until the inbox projection has passed this position. */
  minPosition: bigint | undefined;
}

export class GetInboxQuery {
  constructor(
    readonly actor: Actor,
    readonly now: Date,
    readonly filter: InboxFilter,
  ) {}
}
