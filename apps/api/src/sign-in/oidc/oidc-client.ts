import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { notFound } from '@passerelle/domain';
import { Issuer, type BaseClient } from 'openid-client';

/**
 * The organisation's OpenID Provider (ProConnect, Entra, Google, Keycloak…), found by standard
 * discovery from PASSERELLE_OIDC_ISSUER: no provider-specific code. Discovered once, on first use,
 * so that a provider down at start does not stop the API (local accounts still work).
 */
@Injectable()
export class OidcClient {
  private client: Promise<BaseClient> | null = null;
  readonly redirectUri: string;

  constructor(@Inject(APP_CONFIG) private readonly settings: RuntimeSettings) {
    this.redirectUri = `${(settings.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/auth/oidc/callback`;
  }

  get configured(): boolean {
    return this.settings.oidc !== undefined;
  }

  async get(): Promise<BaseClient> {
    const oidc = this.settings.oidc;
    if (!oidc) throw notFound('SIGN_IN.OIDC_NOT_CONFIGURED', 'Sign-in with an identity provider is not configured here.');
    this.client ??= Issuer.discover(oidc.issuer).then(
      (issuer) =>
        new issuer.Client({
          client_id: oidc.clientId,
          client_secret: oidc.clientSecret,
          redirect_uris: [this.redirectUri],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
        }),
    );
    // A failed discovery is tried again at the next sign-in.
    return this.client.catch((error: unknown) => {
      this.client = null;
      throw error;
    });
  }
}
