import { REFUGE } from '../../testing/use-case.fixtures';
import { signInTables, type SignInTables } from '../testing/sign-in-tables.fixture';
import { StartInvitationCommand } from './start-invitation.command';
import { StartInvitationHandler } from './start-invitation.handler';

describe('start invitation', () => {
  let tables: SignInTables;
  const start = (token: string) =>
    new StartInvitationHandler(tables.people, tables.credentials, tables.relyingParty).execute(new StartInvitationCommand(token));

  beforeAll(async () => {
    tables = await signInTables('start_invitation');
  });
  afterAll(() => tables.close());

  it('shows what she is invited to, and prepares a passkey for this site and a code secret, each bound to her invitation', async () => {
    const { invitationId, personId, email, expiresAt, token } = await tables.anInvitation({ role: 'org_admin' });
    const started = await start(token);
    expect(started).toMatchObject({ email, role: 'org_admin', organisationId: REFUGE, expiresAt });
    expect(started.passkey.options).toMatchObject({
      rp: { id: 'localhost', name: 'Passerelle' },
      user: { id: Buffer.from(personId).toString('base64url'), name: email },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    expect(started.totp.uri).toMatch(new RegExp(`^otpauth://totp/.*\\?.*secret=${started.totp.secret}`));
    expect(await tables.credentials.takeChallenge(started.passkey.challengeId, 'passkey-registration')).toEqual({
      invitationId,
      challenge: started.passkey.options.challenge,
    });
    expect(await tables.credentials.takeChallenge(started.totp.challengeId, 'totp-enrolment')).toEqual({
      invitationId,
      secret: started.totp.secret,
    });
  });

  it('refuses an expired invitation', async () => {
    const { token } = await tables.anInvitation({ expiresAt: new Date(Date.now() - 60_000).toISOString() });
    await expect(start(token)).rejects.toMatchObject({ code: 'INVITATION.EXPIRED' });
  });

  it('refuses an invitation already accepted', async () => {
    const { token } = await tables.aMember();
    await expect(start(token)).rejects.toMatchObject({ code: 'INVITATION.ALREADY_USED' });
  });

  it('refuses a link that is no invitation, and the invitation of a person removed since', async () => {
    const { personId, token } = await tables.anInvitation();
    await tables.people.remove(personId);
    await expect(start(token)).rejects.toMatchObject({ code: 'INVITATION.NOT_FOUND' });
    await expect(start(`pinv_${'x'.repeat(43)}`)).rejects.toMatchObject({ code: 'INVITATION.NOT_FOUND' });
  });
});
