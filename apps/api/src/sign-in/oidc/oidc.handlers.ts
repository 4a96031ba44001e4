import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CredentialStore, PeopleStore, SessionCookie } from '@passerelle/auth';
import { StreamStateCache } from '@passerelle/command-handling';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { generators } from 'openid-client';
import { join } from '../accept-invitation/accept-invitation.handler';
import { SessionOpener } from '../open-session';
import { usableInvitation } from '../start-invitation/start-invitation.handler';
import { OidcClient } from './oidc-client';
import { SignInOptionsQuery } from './sign-in-options.query';
import { OidcCallbackCommand, OidcInvitationCommand, OidcLoginCommand, type Redirection } from './oidc.command';

/** The transaction cookie: SameSite=Lax, because the provider sends her back with a cross-site top-level GET. */
export const OIDC_COOKIE = 'passerelle_oidc';
const TRANSACTION_TTL_MS = 10 * 60_000;
const CONSOLE = '/console/';

interface Transaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  invitationToken: string | null;
}

/**
 * Only a path of this origin: `/console/…`, never `//host`, `/\\host`, a scheme or anything that a
 * browser would resolve to another site (an open redirect would hand her session to a phishing page).
 */
export function sameOriginPath(returnTo: string | undefined): string {
  if (!returnTo || !/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/%?#]*$/.test(returnTo)) return CONSOLE;
  try {
    const resolved = new URL(returnTo, 'http://passerelle.invalid');
    return resolved.origin === 'http://passerelle.invalid' ? `${resolved.pathname}${resolved.search}${resolved.hash}` : CONSOLE;
  } catch {
    return CONSOLE;
  }
}

const transactionCookie = (cookie: SessionCookie, id: string, maxAgeMs: number) =>
  `${OIDC_COOKIE}=${id}; Path=/auth/oidc; HttpOnly; SameSite=Lax${cookie.secure ? '; Secure' : ''}; Max-Age=${Math.floor(maxAgeMs / 1000)}`;

/** Back to the sign-in page with a plain reason, never a detail of what the provider or an attacker sent. */
const toSignIn = (cookie: SessionCookie, reason: string): Redirection => ({
  url: `${CONSOLE}#signin-error=${reason}`,
  setCookie: [transactionCookie(cookie, '', 0)],
});

@CommandHandler(OidcInvitationCommand)
export class OidcInvitationHandler implements ICommandHandler<OidcInvitationCommand> {
  constructor(
    private readonly people: PeopleStore,
    private readonly credentials: CredentialStore,
    private readonly oidc: OidcClient,
  ) {}

  async execute({ token }: OidcInvitationCommand) {
    await this.oidc.get();
    await usableInvitation(this.people, token);
    const id = await this.credentials.putChallenge('oidc-invitation', { token }, TRANSACTION_TTL_MS);
    return { loginUrl: `/auth/oidc/login?invitation=${id}` };
  }
}

/** Authorization code with PKCE (S256), a fresh state and nonce, kept server-side and bound to this browser by a cookie. */
@CommandHandler(OidcLoginCommand)
export class OidcLoginHandler implements ICommandHandler<OidcLoginCommand> {
  constructor(
    private readonly oidc: OidcClient,
    private readonly credentials: CredentialStore,
    private readonly cookie: SessionCookie,
  ) {}

  async execute({ returnTo, invitation }: OidcLoginCommand): Promise<Redirection> {
    const client = await this.oidc.get();
    const invited = invitation ? await this.credentials.takeChallenge<{ token: string }>(invitation, 'oidc-invitation') : null;
    if (invitation && !invited) return toSignIn(this.cookie, 'invitation-expired');
    const transaction: Transaction = {
      state: generators.state(),
      nonce: generators.nonce(),
      codeVerifier: generators.codeVerifier(),
      returnTo: sameOriginPath(returnTo),
      invitationToken: invited?.token ?? null,
    };
    const id = await this.credentials.putChallenge('oidc-login', { ...transaction }, TRANSACTION_TTL_MS);
    const url = client.authorizationUrl({
      scope: 'openid email',
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: generators.codeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url, setCookie: [transactionCookie(this.cookie, id, TRANSACTION_TTL_MS)] };
  }
}

/**
 * Checks everything openid-client checks (state, the ID token's signature, issuer, audience,
 * nonce, expiry, the code exchanged once with its PKCE verifier), then: an invitation binds the
 * provider's issuer + `sub` to the invited person; without one, issuer + `sub` must already belong
 * to an active person. Any failure sends her back to the sign-in page with a plain message.
 */
@CommandHandler(OidcCallbackCommand)
export class OidcCallbackHandler implements ICommandHandler<OidcCallbackCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly oidc: OidcClient,
    private readonly people: PeopleStore,
    private readonly credentials: CredentialStore,
    private readonly cookie: SessionCookie,
    private readonly sessions: SessionOpener,
  ) {}

  async execute({ query, transaction: transactionId, now }: OidcCallbackCommand): Promise<Redirection> {
    const client = await this.oidc.get();
    // Taken once: a replayed callback, or one from another browser, finds nothing.
    const transaction = transactionId ? await this.credentials.takeChallenge<Transaction>(transactionId, 'oidc-login') : null;
    if (!transaction) return toSignIn(this.cookie, 'expired');
    if (query.error) return toSignIn(this.cookie, 'refused');
    const tokens = await client
      .callback(this.oidc.redirectUri, query, {
        state: transaction.state,
        nonce: transaction.nonce,
        code_verifier: transaction.codeVerifier,
      })
      .catch(() => null);
    const claims = tokens?.claims();
    const issuer = client.issuer.metadata.issuer;
    if (!claims?.sub || typeof issuer !== 'string') return toSignIn(this.cookie, 'failed');
    const personId = transaction.invitationToken
      ? await this.accept(transaction.invitationToken, issuer, claims.sub, now)
      : await this.credentials.personForOidc(issuer, claims.sub);
    const person = personId ? await this.people.find(personId) : null;
    if (person?.status !== 'active') return toSignIn(this.cookie, 'no-account');
    const signedIn = await this.sessions.open(person.personId);
    return { url: transaction.returnTo, setCookie: [signedIn.setCookie, transactionCookie(this.cookie, '', 0)] };
  }

  private async accept(token: string, issuer: string, subject: string, now: Date): Promise<string | null> {
    const invitation = await usableInvitation(this.people, token, now).catch(() => null);
    if (!invitation || (await this.credentials.personForOidc(issuer, subject))) return null;
    await join(this.store, this.cache, invitation, 'oidc', now);
    await this.credentials.bindOidc(issuer, subject, invitation.personId);
    await this.people.markJoined(invitation.invitationId, invitation.personId);
    return invitation.personId;
  }
}

/** The sign-in page shows the identity provider's button only when one is configured. */
@QueryHandler(SignInOptionsQuery)
export class SignInOptionsHandler implements IQueryHandler<SignInOptionsQuery> {
  constructor(private readonly oidc: OidcClient) {}

  execute() {
    return Promise.resolve({ oidc: this.oidc.configured, passkey: true, passwordWithCode: true });
  }
}
