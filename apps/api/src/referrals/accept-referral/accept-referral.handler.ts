import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { aggregateStream, StreamStateCache } from '@passerelle/command-handling';
import { referralDecider, referralStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { MoveReferral } from '../move-referral';
import { AcceptPlacement } from './accept-placement';
import { AcceptReferralCommand } from './accept-referral.command';

/** The receiver accepts; a referral of a place request is accepted through the request (accept-placement.ts). */
@CommandHandler(AcceptReferralCommand)
export class AcceptReferralHandler implements ICommandHandler<AcceptReferralCommand> {
  constructor(
    private readonly move: MoveReferral,
    private readonly placement: AcceptPlacement,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
  ) {}

  async execute({ data, context }: AcceptReferralCommand) {
    // Which request a referral belongs to never changes, so the cached fold can tell.
    const { state } = await aggregateStream(this.store, referralStream(data.referralId), {
      ...referralDecider,
      cache: this.cache,
      freshness: 'cached',
    });
    if (state.status !== 'none' && state.placeRequestId !== null) {
      return this.placement.execute(data.referralId, data.note, context, data.expectedRevision);
    }
    return this.move.execute(
      data.referralId,
      data.note,
      context,
      (note) => ({
        type: 'AcceptReferral',
        data: { referralId: data.referralId, note },
        metadata: context,
      }),
      data.expectedRevision,
    );
  }
}
