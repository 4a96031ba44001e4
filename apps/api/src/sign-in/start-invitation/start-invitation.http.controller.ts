import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '@passerelle/auth';
import { StartInvitationCommand } from './start-invitation.command';
import { InvitationTokenRequest } from './start-invitation.request.dto';
import { INVITATION, INVITATION_EXAMPLE } from '../sign-in.response';
import { Operation } from '@passerelle/http';

/** Public: the invitation's secret is the credential (POSTed, never in a URL a server would log). */
@ApiTags('sign-in')
@Controller('auth/invitations')
export class StartInvitationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('start')
  @HttpCode(200)
  @Public()
  @Operation('startInvitation', {
    summary: 'Open an invitation: who is invited, and the passkey and TOTP ceremonies to accept it',
    responses: [{ status: 200, description: 'The invitation', body: INVITATION, example: INVITATION_EXAMPLE }],
    problems: [404, 409, 422],
    security: 'public',
  })
  start(@Body() body: InvitationTokenRequest) {
    return this.commands.execute(new StartInvitationCommand(body.token));
  }
}
