import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { metadataOf } from '../../shared/command-context';
import { moveReferral } from '../move-referral';
import { DeclineReferralCommand } from './decline-referral.command';

@CommandHandler(DeclineReferralCommand)
export class DeclineReferralHandler implements ICommandHandler<DeclineReferralCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly keyring: Keyring) {}

  execute({ referralId, request, context }: DeclineReferralCommand) {
    return moveReferral(this.store, this.keyring, referralId, request.note, context, (note) => ({
      type: 'DeclineReferral', data: { referralId, reason: request.reason, note }, metadata: metadataOf(context),
    }));
  }
}
