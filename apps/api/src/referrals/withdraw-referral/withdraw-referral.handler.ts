import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { metadataOf } from '../../shared/command-context';
import { moveReferral } from '../move-referral';
import { WithdrawReferralCommand } from './withdraw-referral.command';

@CommandHandler(WithdrawReferralCommand)
export class WithdrawReferralHandler implements ICommandHandler<WithdrawReferralCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly keyring: Keyring) {}

  execute({ referralId, request, context }: WithdrawReferralCommand) {
    return moveReferral(this.store, this.keyring, referralId, request.note, context, (note) => ({
      type: 'WithdrawReferral', data: { referralId, reason: request.reason, note }, metadata: metadataOf(context),
    }));
  }
}
