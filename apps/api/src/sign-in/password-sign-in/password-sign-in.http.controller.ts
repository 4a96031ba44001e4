import { Body, Controller, HttpCode, Ip, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { answerSignIn, Public, type SignedIn } from '@passerelle/auth';
import { PasswordSignInCommand } from './password-sign-in.command';
import { PasswordSignInRequest } from './password-sign-in.request.dto';
import { SIGNED_IN, SIGNED_IN_EXAMPLE, SESSION_COOKIE_HEADER } from '../sign-in.response';
import { Operation } from '@passerelle/http';

@ApiTags('sign-in')
@Controller('auth/password')
export class PasswordSignInController {
  constructor(private readonly commands: CommandBus) {}

  @Post('sign-in')
  @HttpCode(200)
  @Public()
  @Operation('signInWithPassword', {
    summary: 'Sign in with e-mail, password and TOTP code (rate-limited per account and per address)',
    responses: [
      { status: 200, description: 'She is signed in', body: SIGNED_IN, example: SIGNED_IN_EXAMPLE, headers: SESSION_COOKIE_HEADER },
    ],
    problems: [401, 422],
    security: 'public',
  })
  async signIn(
    @Body() body: PasswordSignInRequest,
    @Ip() ip: string,
    @Res({ passthrough: true }) response: { setHeader(name: string, value: string): unknown },
  ) {
    const signedIn: SignedIn = await this.commands.execute(new PasswordSignInCommand(body.email, body.password, body.code, ip));
    return answerSignIn(response, signedIn);
  }
}
