import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MoveReferral } from '../move-referral';
import { WithdrawReferralCommand } from './withdraw-referral.command';

@CommandHandler(WithdrawReferralCommand)
export class WithdrawReferralHandler implements ICommandHandler<WithdrawReferralCommand> {
  constructor(private readonly move: MoveReferral) {}

  execute({ data, context }: WithdrawReferralCommand) {
    return this.move.execute(
      data.referralId,
      data.note,
      context,
      (note, placedThrough) => ({
        type: 'WithdrawReferral',
        data: { referralId: data.referralId, reason: data.reason, note, placedThrough },
        metadata: context,
      }),
      data.expectedRevision,
    );
  }
}
