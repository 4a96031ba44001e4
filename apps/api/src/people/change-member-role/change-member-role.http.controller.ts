import { Body, Controller, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA, UUID, UuidPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { ChangeMemberRoleCommand } from './change-member-role.command';
import { ChangeMemberRoleRequest } from './change-member-role.request.dto';
import { MEMBER_ROLE_CHANGED, MEMBER_ROLE_CHANGED_EXAMPLE } from '../people.response';

@ApiTags('people and keys')
@Controller('v1/organisations')
export class ChangeMemberRoleController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':id/members/:personId/role')
  @Roles('org_admin', 'network_admin')
  @Operation('changeMemberRole', {
    summary: 'Give a person another role',
    responses: [{ status: 200, description: 'Her role now', body: MEMBER_ROLE_CHANGED, example: MEMBER_ROLE_CHANGED_EXAMPLE }],
    problems: [403, 404, 409, 422],
    idempotent: true,
    path: { id: ORGANISATION_ID_SCHEMA, personId: UUID },
  })
  change(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
    @Body() body: ChangeMemberRoleRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new ChangeMemberRoleCommand({ organisationId: id, personId, role: body.role }, context));
  }
}
