/** Where a sign-in through the identity provider starts: returnTo (same origin only), and an invitation to accept, if any. */
export class OidcLoginCommand {
  constructor(
    readonly returnTo: string | undefined,
    /** A one-time id from POST /auth/invitations/oidc, never the invitation's own secret. */
    readonly invitation: string | undefined,
  ) {}
}

/** The provider sent her back: the callback's query, and the transaction cookie set at login. */
export class OidcCallbackCommand {
  constructor(
    readonly query: Record<string, string>,
    readonly transaction: string | null,
    readonly now: Date,
  ) {}
}

/** Exchanges an invitation's secret for a one-time id to start the identity provider's sign-in with. */
export class OidcInvitationCommand {
  constructor(readonly token: string) {}
}

/** A redirect, and the cookie to set with it. */
export interface Redirection {
  url: string;
  setCookie: string[];
}
