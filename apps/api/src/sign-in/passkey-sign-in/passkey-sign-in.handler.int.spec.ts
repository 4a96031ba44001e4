import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { REFUGE } from '../../testing/use-case.fixtures';
import { SIGN_IN_FAILED, signInTables, type SignInTables } from '../testing/sign-in-tables.fixture';
import { softwarePasskey } from '../testing/software-passkey.fixture';
import { PasskeySignInCommand } from './passkey-sign-in.command';
import { PasskeyOptionsHandler, PasskeySignInHandler } from './passkey-sign-in.handler';

describe('sign in with a passkey', () => {
  let tables: SignInTables;
  /** Step one, as her browser asks before the passkey prompt. */
  const aChallenge = () => new PasskeyOptionsHandler(tables.credentials, tables.relyingParty).execute();
  const signIn = (challengeId: string, credential: AuthenticationResponseJSON) =>
    new PasskeySignInHandler(tables.credentials, tables.people, tables.relyingParty, tables.opener).execute(
      new PasskeySignInCommand(challengeId, credential),
    );
  /** A member who accepted with a passkey: its public key stored for her, as AcceptInvitation does. */
  const aMemberWithAPasskey = async () => {
    const member = await tables.aMember();
    const passkey = softwarePasskey(tables.relyingParty);
    await tables.credentials.addPasskey({
      credentialId: passkey.credentialId,
      personId: member.personId,
      publicKey: passkey.publicKey,
      counter: 0,
      transports: ['internal'],
    });
    return { ...member, passkey };
  };

  beforeAll(async () => {
    tables = await signInTables('passkey_sign_in');
  });
  afterAll(() => tables.close());

  it('asks for no e-mail, and signs her in when her authenticator signs the challenge', async () => {
    const { personId, passkey } = await aMemberWithAPasskey();
    const { challengeId, options } = await aChallenge();
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(options.allowCredentials ?? []).toEqual([]);
    const signedIn = await signIn(challengeId, passkey.assert(options.challenge));
    expect(signedIn.body).toMatchObject({ personId, role: 'caseworker', organisationId: REFUGE });
    expect(await tables.sessionOf(signedIn)).toMatchObject({ personId, csrfToken: signedIn.body.csrfToken });
    expect(await tables.credentials.passkey(passkey.credentialId)).toMatchObject({ counter: 1 });
  });

  it('refuses an answer replayed, and a cloned authenticator whose counter does not move on', async () => {
    const { personId, passkey } = await aMemberWithAPasskey();
    const first = await aChallenge();
    const answer = passkey.assert(first.options.challenge);
    await signIn(first.challengeId, answer);
    await expect(signIn(first.challengeId, answer)).rejects.toMatchObject(SIGN_IN_FAILED);
    const second = await aChallenge();
    await expect(signIn(second.challengeId, passkey.assert(second.options.challenge, { counter: 1 }))).rejects.toMatchObject(
      SIGN_IN_FAILED,
    );
    expect(await tables.openSessions(personId)).toBe(1);
  });

  it('refuses a signature by another key under her passkey’s id, and one made for another site', async () => {
    const { personId, passkey } = await aMemberWithAPasskey();
    const impostor = softwarePasskey(tables.relyingParty);
    const first = await aChallenge();
    const forged = { ...impostor.assert(first.options.challenge), id: passkey.credentialId, rawId: passkey.credentialId };
    await expect(signIn(first.challengeId, forged)).rejects.toMatchObject(SIGN_IN_FAILED);
    const second = await aChallenge();
    const phished = passkey.assert(second.options.challenge, { origin: 'https://passerelle.example.net' });
    await expect(signIn(second.challengeId, phished)).rejects.toMatchObject(SIGN_IN_FAILED);
    expect(await tables.openSessions(personId)).toBe(0);
  });

  it('refuses a removed member, though her passkey signs', async () => {
    const { personId, passkey } = await aMemberWithAPasskey();
    await tables.people.remove(personId);
    const { challengeId, options } = await aChallenge();
    await expect(signIn(challengeId, passkey.assert(options.challenge))).rejects.toMatchObject(SIGN_IN_FAILED);
    expect(await tables.openSessions(personId)).toBe(0);
  });
});
