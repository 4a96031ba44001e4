import { signInTables, type SignInTables } from '../testing/sign-in-tables.fixture';
import { SignOutCommand } from './sign-out.command';
import { SignOutHandler } from './sign-out.handler';

describe('sign out', () => {
  let tables: SignInTables;
  const signOut = (sessionId: string, personId: string, everywhere: boolean) =>
    new SignOutHandler(tables.sessions, tables.cookie).execute(new SignOutCommand(sessionId, personId, everywhere));
  /** A member signed in on two devices. */
  const signedInTwice = async () => {
    const { personId } = await tables.aMember();
    return { personId, laptop: await tables.opener.open(personId), phone: await tables.opener.open(personId) };
  };

  beforeAll(async () => {
    tables = await signInTables('sign_out');
  });
  afterAll(() => tables.close());

  it('ends exactly this session and clears its cookie; her other device stays signed in', async () => {
    const { personId, laptop, phone } = await signedInTwice();
    const session = await tables.sessionOf(laptop);
    const answer = await signOut(session?.sessionId ?? '', personId, false);
    expect(answer.setCookie).toBe('passerelle_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    expect(await tables.sessionOf(laptop)).toBeNull();
    expect(await tables.sessionOf(phone)).toMatchObject({ personId });
  });

  it('everywhere: ends every session of hers, and no colleague’s', async () => {
    const { personId, laptop, phone } = await signedInTwice();
    const colleague = await signedInTwice();
    const session = await tables.sessionOf(laptop);
    await signOut(session?.sessionId ?? '', personId, true);
    expect(await tables.sessionOf(laptop)).toBeNull();
    expect(await tables.sessionOf(phone)).toBeNull();
    expect(await tables.openSessions(personId)).toBe(0);
    expect(await tables.openSessions(colleague.personId)).toBe(2);
  });
});
