import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MoveReferral } from '../move-referral';
import { CloseReferralCommand } from './close-referral.command';

@CommandHandler(CloseReferralCommand)
export class CloseReferralHandler implements ICommandHandler<CloseReferralCommand> {
  constructor(private readonly move: MoveReferral) {}

  execute({ data, context }: CloseReferralCommand) {
    return this.move.execute(
      data.referralId,
      data.note,
      context,
      (note) => ({
        type: 'CloseReferral',
        data: { referralId: data.referralId, outcome: data.outcome, note },
        metadata: context,
      }),
      data.expectedRevision,
    );
  }
}
