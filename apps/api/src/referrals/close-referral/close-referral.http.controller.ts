import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { CloseReferralCommand } from './close-referral.command';
import { CloseReferralRequest } from './close-referral.request.dto';

@ApiTags('referrals')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class CloseReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/closure')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  handle(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: CloseReferralRequest, @Context() context: CommandContext) {
    return this.commands.execute(new CloseReferralCommand({ referralId: id, note: body.note ?? null, outcome: body.outcome }, context));
  }
}
