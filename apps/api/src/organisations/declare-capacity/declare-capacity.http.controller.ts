import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { OrganisationIdPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { DeclareCapacityCommand } from './declare-capacity.command';
import { DeclareCapacityRequest } from './declare-capacity.request.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class DeclareCapacityController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/capacity')
  @Roles(...ORGANISATION_ACTING_ROLES)
  declare(@Param('id', OrganisationIdPipe) id: string, @Body() body: DeclareCapacityRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new DeclareCapacityCommand({ organisationId: id, service: body.service, total: body.total, available: body.available }, context),
    );
  }
}
