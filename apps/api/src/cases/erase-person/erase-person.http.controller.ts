import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { EmptyBodyPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { ErasePersonCommand } from './erase-person.command';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class ErasePersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/erasure')
  @HttpCode(200)
  @Roles('partner', 'admin')
  erase(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Body(EmptyBodyPipe) _body: undefined, @Context() context: CommandContext) {
    return this.commands.execute(new ErasePersonCommand({ caseId }, context));
  }
}
