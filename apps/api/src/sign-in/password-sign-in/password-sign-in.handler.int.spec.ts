import { SignInThrottle } from '@passerelle/auth';
import { authenticator } from 'otplib';
import { REFUGE } from '../../testing/use-case.fixtures';
import { SIGN_IN_FAILED, signInTables, type SignInTables } from '../testing/sign-in-tables.fixture';
import { PasswordSignInCommand } from './password-sign-in.command';
import { PasswordSignInHandler } from './password-sign-in.handler';

const PASSWORD = 'a long enough password';

describe('sign in with a password and a code', () => {
  let tables: SignInTables;
  let addresses = 0;
  /** Each test from its own address, so that only her account's failures count against her. */
  const anAddress = () => `192.0.2.${(addresses += 1)}`;
  const signIn = (email: string, password: string, code: string, ip: string) =>
    new PasswordSignInHandler(tables.people, tables.credentials, new SignInThrottle(tables.pool), tables.opener).execute(
      new PasswordSignInCommand(email, password, code, ip),
    );
  /** A member who accepted with a password and a code: her authenticator app holds the secret. */
  const aMemberWithAPassword = async () => {
    const member = await tables.aMember('org_admin');
    const secret = tables.credentials.newTotpSecret();
    await tables.credentials.setPassword(member.personId, PASSWORD, secret);
    // Six digits her app shows neither now nor one step either side.
    const wrongCode = ['000000', '111111', '222222', '333333'].find((code) => !tables.credentials.totpMatches(secret, code)) ?? '';
    /** The code her app shows, its clock `aheadMs` fast. */
    const code = (aheadMs = 0) => authenticator.clone({ epoch: Date.now() + aheadMs }).generate(secret);
    return { ...member, code, wrongCode };
  };
  /** The problem a refused attempt answers (null if she was signed in). */
  const refusalOf = (attempt: Promise<unknown>) =>
    attempt.then(
      () => null,
      (error: unknown) => (error as { body?: Record<string, unknown> }).body,
    );

  beforeAll(async () => {
    tables = await signInTables('password_sign_in');
  });
  afterAll(() => tables.close());

  it('signs her in with her e-mail as she types it, her password and the code of her app, which is taken once', async () => {
    const { personId, email, code } = await aMemberWithAPassword();
    const ip = anAddress();
    const signedIn = await signIn(`  ${email.toUpperCase()} `, PASSWORD, code(), ip);
    expect(signedIn.body).toMatchObject({ personId, role: 'org_admin', organisationId: REFUGE });
    expect(await tables.sessionOf(signedIn)).toMatchObject({ personId, organisationId: REFUGE, csrfToken: signedIn.body.csrfToken });
    await expect(signIn(email, PASSWORD, code(), ip)).rejects.toMatchObject(SIGN_IN_FAILED);
  });

  it('takes the code of an app whose clock runs up to one step (30 s) fast', async () => {
    const { personId, email, code } = await aMemberWithAPassword();
    await expect(signIn(email, PASSWORD, code(30_000), anAddress())).resolves.toMatchObject({ body: { personId } });
  });

  it('gives an unknown e-mail, a wrong password and a wrong code the same answer, and opens no session', async () => {
    const { personId, email, code, wrongCode } = await aMemberWithAPassword();
    const ip = anAddress();
    const refusals = await Promise.all([
      refusalOf(signIn('nobody@refuge.example', PASSWORD, code(), ip)),
      refusalOf(signIn(email, 'not her password at all', code(), ip)),
      refusalOf(signIn(email, PASSWORD, wrongCode, ip)),
    ]);
    expect(refusals[0]).toMatchObject(SIGN_IN_FAILED.body);
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[2]).toEqual(refusals[0]);
    expect(await tables.openSessions(personId)).toBe(0);
  });

  it('refuses a removed member, though her password and code are right', async () => {
    const { personId, email, code } = await aMemberWithAPassword();
    await tables.people.remove(personId);
    await expect(signIn(email, PASSWORD, code(), anAddress())).rejects.toMatchObject(SIGN_IN_FAILED);
    expect(await tables.openSessions(personId)).toBe(0);
  });

  it('after five failures on her account, from any address, refuses even the right password and code for a while', async () => {
    const { email, code } = await aMemberWithAPassword();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await expect(signIn(email, 'a guess at her password', code(), anAddress())).rejects.toMatchObject(SIGN_IN_FAILED);
    }
    const refusal = await refusalOf(signIn(email, PASSWORD, code(), anAddress()));
    expect(refusal).toMatchObject({ status: 429, code: 'SIGN_IN.TOO_MANY_ATTEMPTS' });
    // Retry-After: the rest of her account's quarter of an hour.
    expect(refusal?.retryAfter).toBeGreaterThan(0);
    expect(refusal?.retryAfter).toBeLessThanOrEqual(15 * 60);
  });
});
