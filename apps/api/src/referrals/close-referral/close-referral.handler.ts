import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { metadataOf } from '../../shared/command-context';
import { moveReferral } from '../move-referral';
import { CloseReferralCommand } from './close-referral.command';

@CommandHandler(CloseReferralCommand)
export class CloseReferralHandler implements ICommandHandler<CloseReferralCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly keyring: Keyring) {}

  execute({ referralId, request, context }: CloseReferralCommand) {
    return moveReferral(this.store, this.keyring, referralId, request.note, context, (note) => ({
      type: 'CloseReferral', data: { referralId, outcome: request.outcome, note }, metadata: metadataOf(context),
    }));
  }
}
