import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { answerSignIn, Public, type SignedIn } from '@passerelle/auth';
import { AcceptInvitationCommand, type FirstCredential } from './accept-invitation.command';
import { AcceptInvitationRequest } from './accept-invitation.request.dto';

@ApiTags('sign-in')
@Controller('auth/invitations')
export class AcceptInvitationController {
  constructor(private readonly commands: CommandBus) {}

  @Post('accept')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Accept an invitation with a passkey, or a password and TOTP code; signs her in (session cookie)' })
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
