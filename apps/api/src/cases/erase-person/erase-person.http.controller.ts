import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { EmptyBodyPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { ErasePersonCommand } from './erase-person.command';

@ApiTags('cases')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class ErasePersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/erasure')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  erase(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body(EmptyBodyPipe) _body: undefined, @Context() context: CommandContext) {
    return this.commands.execute(new ErasePersonCommand({ caseId }, context));
  }
}
