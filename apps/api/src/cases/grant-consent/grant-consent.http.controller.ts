import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { ConsentRequest } from '../consent.request.dto';
import { GrantConsentCommand } from './grant-consent.command';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class GrantConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/consents')
  @Roles('partner')
  grant(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body() body: ConsentRequest, @Context() context: CommandContext) {
    return this.commands.execute(new GrantConsentCommand({ caseId, consent: body }, context));
  }
}
