import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialStore, PeopleStore, signInFailed, type SignedIn } from '@passerelle/auth';
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { RelyingParty } from '../relying-party';
import { PasskeyOptionsCommand, PasskeySignInCommand } from './passkey-sign-in.command';
import { SessionOpener } from '../open-session';

const CHALLENGE_TTL_MS = 5 * 60_000;

/** A discoverable-credential ceremony: no e-mail is asked, so none can be enumerated; user verification is required. */
@CommandHandler(PasskeyOptionsCommand)
export class PasskeyOptionsHandler implements ICommandHandler<PasskeyOptionsCommand> {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly relyingParty: RelyingParty,
  ) {}

  async execute() {
    const options = await generateAuthenticationOptions({ rpID: this.relyingParty.id, userVerification: 'required' });
    const challengeId = await this.credentials.putChallenge('passkey-authentication', { challenge: options.challenge }, CHALLENGE_TTL_MS);
    return { challengeId, options };
  }
}

/** Verifies the signature over the one-time challenge with her stored public key; the counter must move on (a cloned authenticator is refused). */
@CommandHandler(PasskeySignInCommand)
export class PasskeySignInHandler implements ICommandHandler<PasskeySignInCommand> {
  constructor(
    private readonly credentials: CredentialStore,
    private readonly people: PeopleStore,
    private readonly relyingParty: RelyingParty,
    private readonly sessions: SessionOpener,
  ) {}

  async execute({ challengeId, credential }: PasskeySignInCommand): Promise<SignedIn> {
    const ceremony = await this.credentials.takeChallenge<{ challenge: string }>(challengeId, 'passkey-authentication');
    const passkey = typeof credential.id === 'string' ? await this.credentials.passkey(credential.id) : null;
    if (!ceremony || !passkey) throw signInFailed();
    const verification = await verifyAuthenticationResponse({
      response: credential,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: this.relyingParty.origin,
      expectedRPID: this.relyingParty.id,
      credential: {
        id: passkey.credentialId,
        publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>,
        counter: passkey.counter,
        transports: [],
      },
      requireUserVerification: true,
    }).catch(() => null);
    if (!verification?.verified) throw signInFailed();
    const person = await this.people.find(passkey.personId);
    if (person?.status !== 'active') throw signInFailed();
    await this.credentials.passkeyUsed(passkey.credentialId, verification.authenticationInfo.newCounter);
    return this.sessions.open(person.personId);
  }
}
