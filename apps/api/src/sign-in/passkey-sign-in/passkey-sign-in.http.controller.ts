import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { answerSignIn, Public, type SignedIn } from '@passerelle/auth';
import { PasskeyOptionsCommand, PasskeySignInCommand } from './passkey-sign-in.command';
import { PasskeySignInRequest } from './passkey-sign-in.request.dto';
import { SIGNED_IN, SIGNED_IN_EXAMPLE, SESSION_COOKIE_HEADER } from '../sign-in.response';
import { PASSKEY_CHALLENGE, PASSKEY_CHALLENGE_EXAMPLE } from '../sign-in.response';
import { Operation } from '@passerelle/http';

@ApiTags('sign-in')
@Controller('auth/passkey')
export class PasskeySignInController {
  constructor(private readonly commands: CommandBus) {}

  @Post('options')
  @HttpCode(200)
  @Public()
  @Operation('getPasskeyChallenge', {
    summary: 'A one-time challenge for signing in with a passkey',
    responses: [{ status: 200, description: 'The challenge', body: PASSKEY_CHALLENGE, example: PASSKEY_CHALLENGE_EXAMPLE }],
    security: 'public',
  })
  options() {
    return this.commands.execute(new PasskeyOptionsCommand());
  }

  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @Operation('signInWithPasskey', {
    summary: 'Sign in with a passkey (user verification required); sets the session cookie',
    responses: [
      { status: 200, description: 'She is signed in', body: SIGNED_IN, example: SIGNED_IN_EXAMPLE, headers: SESSION_COOKIE_HEADER },
    ],
    problems: [401, 422],
    security: 'public',
  })
  async signIn(
    @Body() body: PasskeySignInRequest,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): unknown },
  ) {
    const signedIn: SignedIn = await this.commands.execute(new PasskeySignInCommand(body.challengeId, body.credential as never));
    return answerSignIn(response, signedIn);
  }
}
