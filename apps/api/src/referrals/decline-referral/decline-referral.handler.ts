import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MoveReferral } from '../move-referral';
import { DeclineReferralCommand } from './decline-referral.command';

@CommandHandler(DeclineReferralCommand)
export class DeclineReferralHandler implements ICommandHandler<DeclineReferralCommand> {
  constructor(private readonly move: MoveReferral) {}

  execute({ data, context }: DeclineReferralCommand) {
    return this.move.execute(
      data.referralId,
      data.note,
      context,
      (note, placedThrough) => ({
        type: 'DeclineReferral',
        data: { referralId: data.referralId, reason: data.reason, note, placedThrough },
        metadata: context,
      }),
      data.expectedRevision,
    );
  }
}
