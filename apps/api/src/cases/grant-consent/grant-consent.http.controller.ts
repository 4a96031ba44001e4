import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { ConsentRequest } from '../consent.request.dto';
import { GrantConsentCommand } from './grant-consent.command';

@ApiTags('cases')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GrantConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/consents')
  @Roles(...ORGANISATION_ACTING_ROLES)
  grant(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: ConsentRequest, @Context() context: CommandContext) {
    return this.commands.execute(new GrantConsentCommand({ caseId, consent: body }, context));
  }
}
