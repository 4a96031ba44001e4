import type { AuthenticationResponseJSON } from '@simplewebauthn/server';

/** Step one: a challenge for the browser's passkey prompt. */
export class PasskeyOptionsCommand {
  readonly ceremony = 'passkey-authentication';
}

/** Step two: the authenticator's signed answer. */
export class PasskeySignInCommand {
  constructor(
    readonly challengeId: string,
    readonly credential: AuthenticationResponseJSON,
  ) {}
}
