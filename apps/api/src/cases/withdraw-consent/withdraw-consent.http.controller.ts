import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentRequest } from './withdraw-consent.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class WithdrawConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  withdraw(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Param('consentId', new ParseUUIDPipe()) consentId: string,
    @Body() body: WithdrawConsentRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new WithdrawConsentCommand({ caseId, consentId, reason: body.reason ?? null }, context));
  }
}
