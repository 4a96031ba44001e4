import type { RegistrationResponseJSON } from '@simplewebauthn/server';

/** Her first credential: a passkey, or a password with the TOTP code that proves she paired the secret. */
export type FirstCredential =
  | { method: 'passkey'; challengeId: string; credential: RegistrationResponseJSON }
  | { method: 'password_totp'; challengeId: string; password: string; code: string };

export class AcceptInvitationCommand {
  constructor(
    readonly token: string,
    readonly credential: FirstCredential,
    readonly now: Date,
  ) {}
}
