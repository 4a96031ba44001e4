import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { DeclineReferralCommand } from './decline-referral.command';
import { DeclineReferralRequest } from './decline-referral.request.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class DeclineReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/decline')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  handle(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: DeclineReferralRequest, @Context() context: CommandContext) {
    return this.commands.execute(new DeclineReferralCommand({ referralId: id, note: body.note ?? null, reason: body.reason }, context));
  }
}
