import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { EmptyBodyPipe, Operation, UUID, UuidPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { ErasePersonCommand } from './erase-person.command';
import { PERSON_ERASED, PERSON_ERASED_EXAMPLE } from '../cases.response';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class ErasePersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/erasure')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('erasePerson', {
    summary: 'Erase her at her request: her data key is destroyed, so nothing about her can be read again anywhere',
    responses: [{ status: 200, description: 'She is erased', body: PERSON_ERASED, example: PERSON_ERASED_EXAMPLE }],
    problems: [404, 409, 422],
    idempotent: true,
    path: { caseId: UUID },
  })
  erase(@Param('caseId', UuidPipe) caseId: string, @Body(EmptyBodyPipe) _body: undefined, @Context() context: CommandContext) {
    return this.commands.execute(new ErasePersonCommand({ caseId }, context));
  }
}
