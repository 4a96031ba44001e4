import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { AcceptReferralCommand } from './accept-referral.command';
import { AcceptReferralRequest } from './accept-referral.request.dto';
import { REFERRAL_MOVED, referralMovedExample } from '../referrals.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('referrals')
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class AcceptReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/acceptance')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('acceptReferral', {
    summary: 'Accept a referral made to your organisation (for a place request: she is placed, the other requests are withdrawn)',
    responses: [{ status: 200, description: 'The referral is accepted', body: REFERRAL_MOVED, example: referralMovedExample('accepted') }],
    problems: [403, 404, 409, 422],
    idempotent: true,
    path: { id: UUID },
  })
  handle(@Param('id', UuidPipe) id: string, @Body() body: AcceptReferralRequest, @Context() context: CommandContext) {
    return this.commands.execute(new AcceptReferralCommand({ referralId: id, note: body.note ?? null }, context));
  }
}
