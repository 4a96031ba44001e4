import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialStore, PeopleStore, type InvitationRecord, type SignedIn } from '@passerelle/auth';
import { StreamStateCache, type CommandContext } from '@passerelle/command-handling';
import { unprocessable, type SignInMethod } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { randomUUID } from 'node:crypto';
import { decideOnOrganisation } from '../../people/organisation-command';
import { SessionOpener } from '../open-session';
import { RelyingParty } from '../relying-party';
import { usableInvitation } from '../start-invitation/start-invitation.handler';
import { AcceptInvitationCommand, type FirstCredential } from './accept-invitation.command';

/** NIST SP 800-63B: length, not composition rules; the second factor does the rest. */
export const MIN_PASSWORD_LENGTH = 12;

type Proven = { method: SignInMethod; store: (personId: string) => Promise<void> };

/**
 * The invitation binds to the first identity that accepts it: the credential is checked, then
 * MemberJoined is decided on the organisation's stream (a second acceptance, even a concurrent one,
 * is refused there), then the credential is stored and she is signed in.
 */
@CommandHandler(AcceptInvitationCommand)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly people: PeopleStore,
    private readonly credentials: CredentialStore,
    private readonly relyingParty: RelyingParty,
    private readonly sessions: SessionOpener,
  ) {}

  async execute({ token, credential, now }: AcceptInvitationCommand): Promise<SignedIn> {
    const invitation = await usableInvitation(this.people, token, now);
    const proven = await this.prove(invitation, credential);
    await join(this.store, this.cache, invitation, proven.method, now);
    await proven.store(invitation.personId);
    await this.people.markJoined(invitation.invitationId, invitation.personId);
    return this.sessions.open(invitation.personId);
  }

  private async prove(invitation: InvitationRecord, credential: FirstCredential): Promise<Proven> {
    if (credential.method === 'password_totp') {
      const ceremony = await this.credentials.takeChallenge<{ invitationId: string; secret: string }>(
        credential.challengeId,
        'totp-enrolment',
      );
      if (ceremony?.invitationId !== invitation.invitationId) throw ceremonyExpired();
      if (credential.password.length < MIN_PASSWORD_LENGTH) {
        throw unprocessable('SIGN_IN.WEAK_PASSWORD', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
      }
      if (!this.credentials.totpMatches(ceremony.secret, credential.code)) {
        throw unprocessable('SIGN_IN.CODE_WRONG', 'The code does not match: check the time on the device and start again.');
      }
      return {
        method: 'password_totp',
        store: (personId) => this.credentials.setPassword(personId, credential.password, ceremony.secret),
      };
    }
    const ceremony = await this.credentials.takeChallenge<{ invitationId: string; challenge: string }>(
      credential.challengeId,
      'passkey-registration',
    );
    if (ceremony?.invitationId !== invitation.invitationId) throw ceremonyExpired();
    const verification = await verifyRegistrationResponse({
      response: credential.credential,
      expectedChallenge: ceremony.challenge,
      expectedOrigin: this.relyingParty.origin,
      expectedRPID: this.relyingParty.id,
      requireUserVerification: true,
    }).catch(() => null);
    if (!verification?.verified) throw unprocessable('SIGN_IN.PASSKEY_INVALID', 'The passkey could not be verified: try again.');
    const { id, publicKey, counter, transports } = verification.registrationInfo.credential;
    return {
      method: 'passkey',
      store: (personId) => this.credentials.addPasskey({ credentialId: id, personId, publicKey, counter, transports: transports ?? [] }),
    };
  }
}

const ceremonyExpired = () =>
  unprocessable('SIGN_IN.CEREMONY_EXPIRED', 'This step has expired or was already used: open the invitation link again.');

/** MemberJoined, appended on her own behalf: the person is the actor of her own acceptance. */
export async function join(store: EventStore, cache: StreamStateCache, invitation: InvitationRecord, method: SignInMethod, now: Date) {
  const context: CommandContext = {
    actor: {
      organisationId: invitation.organisationId,
      organisationKind: null,
      role: invitation.role,
      keyId: null,
      personId: invitation.personId,
    },
    now,
    correlationId: randomUUID(),
    idSeed: `join|${invitation.invitationId}`,
  };
  const data = { organisationId: invitation.organisationId, invitationId: invitation.invitationId, method };
  await decideOnOrganisation(store, cache, { type: 'AcceptInvitation', data, metadata: context }, context);
}
