import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, readCookie } from '@passerelle/auth';
import { InvitationTokenRequest } from '../start-invitation/start-invitation.request.dto';
import { SignInOptionsQuery } from './sign-in-options.query';
import { OidcCallbackCommand, OidcInvitationCommand, OidcLoginCommand, type Redirection } from './oidc.command';

type Response = { setHeader(name: string, value: string | string[]): unknown; redirect(status: number, url: string): void };
const OIDC_COOKIE = 'passerelle_oidc';

@ApiTags('sign-in')
@Controller('auth')
export class OidcController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('options')
  @Public()
  @ApiOperation({ summary: 'The ways to sign in here: identity provider (when configured), passkey, password + code' })
  options() {
    return this.queries.execute(new SignInOptionsQuery());
  }

  @Post('invitations/oidc')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Accept an invitation through the identity provider: returns the login URL to open' })
  invitation(@Body() body: InvitationTokenRequest) {
    return this.commands.execute(new OidcInvitationCommand(body.token));
  }

  @Get('oidc/login')
  @Public()
  @ApiOperation({
    summary: 'Redirects to PASSERELLE_OIDC_ISSUER (authorization code + PKCE, state, nonce); returnTo must be a path of this site',
  })
  async login(
    @Query('returnTo') returnTo: string | undefined,
    @Query('invitation') invitation: string | undefined,
    @Res() response: Response,
  ) {
    this.send(response, await this.commands.execute<OidcLoginCommand, Redirection>(new OidcLoginCommand(returnTo, invitation)));
  }

  @Get('oidc/callback')
  @Public()
  @ApiOperation({ summary: 'The identity provider sends her back here: session cookie, then returnTo' })
  async callback(@Query() query: Record<string, string>, @Req() request: { headers: { cookie?: string } }, @Res() response: Response) {
    const transaction = readCookie(request.headers.cookie, OIDC_COOKIE);
    this.send(
      response,
      await this.commands.execute<OidcCallbackCommand, Redirection>(new OidcCallbackCommand(query, transaction, new Date())),
    );
  }

  private send(response: Response, redirection: Redirection): void {
    response.setHeader('Set-Cookie', redirection.setCookie);
    response.setHeader('Cache-Control', 'no-store');
    response.redirect(302, redirection.url);
  }
}
