import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MoveReferral } from '../move-referral';
import { AcceptReferralCommand } from './accept-referral.command';

@CommandHandler(AcceptReferralCommand)
export class AcceptReferralHandler implements ICommandHandler<AcceptReferralCommand> {
  constructor(private readonly move: MoveReferral) {}

  execute({ data, context }: AcceptReferralCommand) {
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
