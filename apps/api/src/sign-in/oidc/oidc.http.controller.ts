import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Public, readCookie } from '@passerelle/auth';
import { InvitationTokenRequest } from '../start-invitation/start-invitation.request.dto';
import { SignInOptionsQuery } from './sign-in-options.query';
import { OidcCallbackCommand, OidcInvitationCommand, OidcLoginCommand, type Redirection } from './oidc.command';
import { SIGN_IN_OPTIONS, SIGN_IN_OPTIONS_EXAMPLE, OIDC_LOGIN, OIDC_LOGIN_EXAMPLE } from '../sign-in.response';
import { Operation } from '@passerelle/http';

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
  @Operation('getSignInOptions', {
    summary: 'The ways to sign in here: identity provider (when configured), passkey, password + code',
    responses: [{ status: 200, description: 'The ways to sign in', body: SIGN_IN_OPTIONS, example: SIGN_IN_OPTIONS_EXAMPLE }],
    security: 'public',
  })
  options() {
    return this.queries.execute(new SignInOptionsQuery());
  }

  @Post('invitations/oidc')
  @HttpCode(200)
  @Public()
  @Operation('acceptInvitationWithOidc', {
    summary: 'Accept an invitation through the identity provider: returns the login URL to open',
    responses: [{ status: 200, description: 'Where to sign in', body: OIDC_LOGIN, example: OIDC_LOGIN_EXAMPLE }],
    problems: [404, 409, 422],
    security: 'public',
  })
  invitation(@Body() body: InvitationTokenRequest) {
    return this.commands.execute(new OidcInvitationCommand(body.token));
  }

  @Get('oidc/login')
  @Public()
  @Operation('startOidcLogin', {
    summary: 'Redirects to PASSERELLE_OIDC_ISSUER (authorization code + PKCE, state, nonce); returnTo must be a path of this site',
    responses: [
      {
        status: 302,
        description: 'To the identity provider',
        headers: { Location: { description: 'The identity provider’s authorization URL', schema: { type: 'string' } } },
      },
    ],
    problems: [404],
    security: 'public',
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
  @Operation('completeOidcLogin', {
    summary: 'The identity provider sends her back here: session cookie, then returnTo',
    responses: [
      {
        status: 302,
        description: 'Signed in (or not): back to returnTo',
        headers: { Location: { description: 'returnTo', schema: { type: 'string' } } },
      },
    ],
    problems: [401, 404, 422],
    security: 'public',
  })
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
