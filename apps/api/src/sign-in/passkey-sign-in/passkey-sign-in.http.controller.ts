import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { answerSignIn, Public, type SignedIn } from '@passerelle/auth';
import { PasskeyOptionsCommand, PasskeySignInCommand } from './passkey-sign-in.command';
import { PasskeySignInRequest } from './passkey-sign-in.request.dto';

@ApiTags('sign-in')
@Controller('auth/passkey')
export class PasskeySignInController {
  constructor(private readonly commands: CommandBus) {}

  @Post('options')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'A one-time challenge for signing in with a passkey' })
  options() {
    return this.commands.execute(new PasskeyOptionsCommand());
  }

  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in with a passkey (user verification required); sets the session cookie' })
  async signIn(
    @Body() body: PasskeySignInRequest,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): unknown },
  ) {
    const signedIn: SignedIn = await this.commands.execute(new PasskeySignInCommand(body.challengeId, body.credential as never));
    return answerSignIn(response, signedIn);
  }
}
