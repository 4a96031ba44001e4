import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe, SecretInResponse } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { InviteMemberCommand } from './invite-member.command';
import { InviteMemberRequest } from './invite-member.request.dto';

@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class InviteMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/members')
  @Roles('org_admin', 'network_admin')
  @SecretInResponse('invitationUrl')
  @ApiOperation({ summary: 'Invite a person (the invitation link is shown once)' })
  invite(@Param('id', OrganisationIdPipe) id: string, @Body() body: InviteMemberRequest, @Context() context: CommandContext) {
    return this.commands.execute(new InviteMemberCommand({ organisationId: id, email: body.email, role: body.role }, context));
  }
}
