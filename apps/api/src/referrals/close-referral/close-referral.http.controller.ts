import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { CloseReferralCommand } from './close-referral.command';
import { CloseReferralRequest } from './close-referral.request.dto';
import { REFERRAL_MOVED, referralMovedExample } from '../referrals.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('referrals')
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class CloseReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/closure')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('closeReferral', {
    summary: 'Close an accepted referral with its outcome',
    responses: [{ status: 200, description: 'The referral is closed', body: REFERRAL_MOVED, example: referralMovedExample('closed') }],
    problems: [403, 404, 409, 422],
    idempotent: true,
    path: { id: UUID },
  })
  handle(@Param('id', UuidPipe) id: string, @Body() body: CloseReferralRequest, @Context() context: CommandContext) {
    return this.commands.execute(new CloseReferralCommand({ referralId: id, note: body.note ?? null, outcome: body.outcome }, context));
  }
}
