import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { InviteMemberCommand } from './invite-member.command';
import { InviteMemberRequest } from './invite-member.request.dto';
import { MEMBER_INVITED, MEMBER_INVITED_EXAMPLE } from '../people.response';

@ApiTags('people and keys')
@Controller('v1/organisations')
export class InviteMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/members')
  @Roles('org_admin', 'network_admin')
  @Operation('inviteMember', {
    summary: 'Invite a person (the invitation link is shown once)',
    responses: [{ status: 201, description: 'She is invited', body: MEMBER_INVITED, example: MEMBER_INVITED_EXAMPLE }],
    problems: [403, 404, 409, 422],
    idempotent: { secrets: ['invitationUrl'] },
    path: { id: ORGANISATION_ID_SCHEMA },
  })
  invite(@Param('id', OrganisationIdPipe) id: string, @Body() body: InviteMemberRequest, @Context() context: CommandContext) {
    return this.commands.execute(new InviteMemberCommand({ organisationId: id, email: body.email, role: body.role }, context));
  }
}
