import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { answerSignIn, Public, type SignedIn } from '@passerelle/auth';
import { AcceptInvitationCommand, type FirstCredential } from './accept-invitation.command';
import { AcceptInvitationRequest } from './accept-invitation.request.dto';
import { SIGNED_IN, SIGNED_IN_EXAMPLE, SESSION_COOKIE_HEADER } from '../sign-in.response';
import { Operation } from '@passerelle/http';

@ApiTags('sign-in')
@Controller('auth/invitations')
export class AcceptInvitationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('accept')
  @HttpCode(200)
  @Public()
  @Operation('acceptInvitation', {
    summary: 'Accept an invitation with a passkey, or a password and TOTP code; signs her in (session cookie)',
    responses: [
      { status: 200, description: 'She is signed in', body: SIGNED_IN, example: SIGNED_IN_EXAMPLE, headers: SESSION_COOKIE_HEADER },
    ],
    problems: [401, 404, 409, 422],
    security: 'public',
  })
  async accept(
    @Body() body: AcceptInvitationRequest,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): unknown },
  ) {
    const credential: FirstCredential =
      body.method === 'passkey'
        ? { method: 'passkey', challengeId: body.challengeId, credential: body.credential as never }
        : { method: 'password_totp', challengeId: body.challengeId, password: body.password ?? '', code: body.code ?? '' };
    const signedIn: SignedIn = await this.commands.execute(new AcceptInvitationCommand(body.token, credential, new Date()));
    return answerSignIn(response, signedIn);
  }
}
