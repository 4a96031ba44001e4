import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { ChangeMemberRoleCommand } from './change-member-role.command';
import { ChangeMemberRoleRequest } from './change-member-role.request.dto';

@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class ChangeMemberRoleController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/members/:personId/role')
  @Roles('org_admin', 'network_admin')
  @ApiOperation({ summary: 'Give a person another role' })
  change(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('personId') personId: string,
    @Body() body: ChangeMemberRoleRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new ChangeMemberRoleCommand({ organisationId: id, personId, role: body.role }, context));
  }
}
