import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { DeclareCapacityCommand } from './declare-capacity.command';
import { DeclareCapacityRequest } from './declare-capacity.request.dto';
import { CAPACITY_DECLARED, CAPACITY_DECLARED_EXAMPLE } from '../organisations.response';

@ApiTags('organisations')
@Controller('v1/organisations')
export class DeclareCapacityController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/capacity')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('declareCapacity', {
    summary: 'Declare your organisation’s places for a service it offers: total and available now',
    responses: [{ status: 200, description: 'The capacity is declared', body: CAPACITY_DECLARED, example: CAPACITY_DECLARED_EXAMPLE }],
    problems: [403, 404, 409, 422],
    idempotent: true,
    path: { id: ORGANISATION_ID_SCHEMA },
  })
  declare(@Param('id', OrganisationIdPipe) id: string, @Body() body: DeclareCapacityRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new DeclareCapacityCommand({ organisationId: id, service: body.service, total: body.total, available: body.available }, context),
    );
  }
}
