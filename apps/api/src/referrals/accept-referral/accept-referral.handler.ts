import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { metadataOf } from '../../shared/command-context';
import { moveReferral } from '../move-referral';
import { AcceptReferralCommand } from './accept-referral.command';

@CommandHandler(AcceptReferralCommand)
export class AcceptReferralHandler implements ICommandHandler<AcceptReferralCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly keyring: Keyring) {}

  execute({ referralId, request, context }: AcceptReferralCommand) {
    return moveReferral(this.store, this.keyring, referralId, request.note, context, (note) => ({
      type: 'AcceptReferral', data: { referralId,  note }, metadata: metadataOf(context),
    }));
  }
}
