import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialStore, PeopleStore, type InvitationRecord } from '@passerelle/auth';
import { conflict, notFound, unprocessable } from '@passerelle/domain';
import { generateRegistrationOptions } from '@simplewebauthn/server';
import { RelyingParty } from '../relying-party';
import { StartInvitationCommand } from './start-invitation.command';

/** Long enough to set up an authenticator app; a ceremony is used once. */
export const ENROLMENT_TTL_MS = 10 * 60_000;

/** The invitation, if it can still be accepted: unknown, used and expired ones are refused. */
export async function usableInvitation(people: PeopleStore, token: string, now = new Date()): Promise<InvitationRecord> {
  const invitation = await people.invitationByToken(token);
  if (!invitation) throw notFound('INVITATION.NOT_FOUND', 'This invitation link is not valid (it may have been cancelled).');
  if (invitation.acceptedAt) throw conflict('INVITATION.ALREADY_USED', 'This invitation was already accepted: sign in instead.');
  if (Date.parse(invitation.expiresAt) <= now.getTime())
    throw unprocessable('INVITATION.EXPIRED', 'This invitation has expired: ask for a new one.');
  return invitation;
}

/**
 * Prepares both ways to bind her first credential: a passkey (registration options, user
 * verification required, a discoverable credential) and, for a device that cannot hold one, a
 * TOTP secret to pair with a password. Each ceremony is stored for ten minutes and used once.
 */
@CommandHandler(StartInvitationCommand)
export class StartInvitationHandler implements ICommandHandler<StartInvitationCommand> {
  constructor(
    private readonly people: PeopleStore,
    private readonly credentials: CredentialStore,
    private readonly relyingParty: RelyingParty,
  ) {}

  async execute({ token }: StartInvitationCommand) {
    const invitation = await usableInvitation(this.people, token);
    const options = await generateRegistrationOptions({
      rpName: this.relyingParty.name,
      rpID: this.relyingParty.id,
      userName: invitation.email,
      userID: new TextEncoder().encode(invitation.personId),
      attestationType: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const totpSecret = this.credentials.newTotpSecret();
    const [passkeyChallenge, totpChallenge] = await Promise.all([
      this.credentials.putChallenge(
        'passkey-registration',
        { invitationId: invitation.invitationId, challenge: options.challenge },
        ENROLMENT_TTL_MS,
      ),
      this.credentials.putChallenge('totp-enrolment', { invitationId: invitation.invitationId, secret: totpSecret }, ENROLMENT_TTL_MS),
    ]);
    return {
      email: invitation.email,
      role: invitation.role,
      organisationId: invitation.organisationId,
      expiresAt: invitation.expiresAt,
      passkey: { challengeId: passkeyChallenge, options },
      totp: { challengeId: totpChallenge, secret: totpSecret, uri: this.credentials.totpUri(invitation.email, totpSecret) },
    };
  }
}
