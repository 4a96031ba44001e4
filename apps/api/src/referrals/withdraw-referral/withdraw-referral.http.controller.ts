import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { WithdrawReferralCommand } from './withdraw-referral.command';
import { WithdrawReferralRequest } from './withdraw-referral.request.dto';
import { REFERRAL_MOVED, referralMovedExample } from '../referrals.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('referrals')
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class WithdrawReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('withdrawReferral', {
    summary: 'Withdraw a referral your organisation made, with a reason',
    responses: [
      { status: 200, description: 'The referral is withdrawn', body: REFERRAL_MOVED, example: referralMovedExample('withdrawn') },
    ],
    problems: [403, 404, 409, 422],
    idempotent: true,
    path: { id: UUID },
  })
  handle(@Param('id', UuidPipe) id: string, @Body() body: WithdrawReferralRequest, @Context() context: CommandContext) {
    return this.commands.execute(new WithdrawReferralCommand({ referralId: id, note: body.note ?? null, reason: body.reason }, context));
  }
}
