import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { DeclineReferralCommand } from './decline-referral.command';
import { DeclineReferralRequest } from './decline-referral.request.dto';
import { REFERRAL_MOVED, referralMovedExample } from '../referrals.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('referrals')
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class DeclineReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/decline')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('declineReferral', {
    summary: 'Decline a referral made to your organisation, with a reason',
    responses: [{ status: 200, description: 'The referral is declined', body: REFERRAL_MOVED, example: referralMovedExample('declined') }],
    problems: [403, 404, 409, 422],
    idempotent: true,
    path: { id: UUID },
  })
  handle(@Param('id', UuidPipe) id: string, @Body() body: DeclineReferralRequest, @Context() context: CommandContext) {
    return this.commands.execute(new DeclineReferralCommand({ referralId: id, note: body.note ?? null, reason: body.reason }, context));
  }
}
