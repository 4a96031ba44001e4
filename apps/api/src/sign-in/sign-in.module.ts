import { Module } from '@nestjs/common';
import { AcceptInvitationHandler } from './accept-invitation/accept-invitation.handler';
import { AcceptInvitationController } from './accept-invitation/accept-invitation.http.controller';
import { GetSessionHandler } from './get-session/get-session.handler';
import { GetSessionController } from './get-session/get-session.http.controller';
import { OidcClient } from './oidc/oidc-client';
import { OidcCallbackHandler, OidcInvitationHandler, OidcLoginHandler, SignInOptionsHandler } from './oidc/oidc.handlers';
import { OidcController } from './oidc/oidc.http.controller';
import { SessionOpener } from './open-session';
import { PasskeyOptionsHandler, PasskeySignInHandler } from './passkey-sign-in/passkey-sign-in.handler';
import { PasskeySignInController } from './passkey-sign-in/passkey-sign-in.http.controller';
import { PasswordSignInHandler } from './password-sign-in/password-sign-in.handler';
import { PasswordSignInController } from './password-sign-in/password-sign-in.http.controller';
import { RelyingParty } from './relying-party';
import { SignOutHandler } from './sign-out/sign-out.handler';
import { SignOutController } from './sign-out/sign-out.http.controller';
import { StartInvitationHandler } from './start-invitation/start-invitation.handler';
import { StartInvitationController } from './start-invitation/start-invitation.http.controller';

/**
 * People signing in (docs/architecture.md#people-sign-in-and-credentials): invitation acceptance,
 * passkeys, password + TOTP, server-side sessions and sign-out. Routes under /auth.
 */
@Module({
  controllers: [
    StartInvitationController,
    AcceptInvitationController,
    PasswordSignInController,
    PasskeySignInController,
    SignOutController,
    GetSessionController,
    OidcController,
  ],
  providers: [
    RelyingParty,
    SessionOpener,
    StartInvitationHandler,
    AcceptInvitationHandler,
    PasswordSignInHandler,
    PasskeyOptionsHandler,
    PasskeySignInHandler,
    SignOutHandler,
    GetSessionHandler,
    OidcClient,
    OidcInvitationHandler,
    OidcLoginHandler,
    OidcCallbackHandler,
    SignInOptionsHandler,
  ],
})
export class SignInModule {}
