import { CredentialStore, SessionCookie, SessionStore, TotpBox, type SignedIn } from '@passerelle/auth';
import type { RuntimeSettings } from '@passerelle/config';
import type { PersonRole } from '@passerelle/domain';
import { generateMasterKey } from '@passerelle/privacy';
import { peopleTables } from '../../people/testing/people-tables.fixture';
import { REFUGE } from '../../testing/use-case.fixtures';
import { SessionOpener } from '../open-session';
import { RelyingParty } from '../relying-party';

const MASTER_KEY = generateMasterKey().encode();
/** The console on a loopback http origin, as in development: relying party `localhost`, a plain cookie name. */
const SETTINGS = { publicUrl: 'http://localhost:3000', masterKey: MASTER_KEY } as RuntimeSettings;
const A_WEEK_MS = 7 * 24 * 3600_000;

/** What every sign-in refusal answers, whichever of e-mail, password, code or passkey was wrong (libs/auth/src/signed-in.ts). */
export const SIGN_IN_FAILED = { body: { status: 401, code: 'SIGN_IN.FAILED' } };

/**
 * What the sign-in use-case specs run on: the people tables (people-tables.fixture.ts) with the
 * credential and session stores, the pieces their handlers are built with, and the refuge's people
 * as the earlier use cases leave them (invited, then joined).
 */
export async function signInTables(prefix: string) {
  const tables = await peopleTables(prefix);
  const relyingParty = new RelyingParty(SETTINGS);
  const credentials = new CredentialStore(tables.pool, new TotpBox(MASTER_KEY));
  const sessions = new SessionStore(tables.pool);
  const cookie = new SessionCookie(relyingParty.origin);
  let n = 0;

  /** Her invitation to the refuge as InviteMember stores it (the id MemberInvited names, people-events.fixture.ts), and its link's secret. */
  const anInvitation = async (options: { role?: PersonRole; expiresAt?: string } = {}) => {
    n += 1;
    const invitation = {
      invitationId: `inv-person-${n}`,
      personId: `person-${n}`,
      organisationId: REFUGE,
      email: `p${n}@refuge.example`,
      role: options.role ?? 'caseworker',
      expiresAt: options.expiresAt ?? new Date(Date.now() + A_WEEK_MS).toISOString(),
    };
    return { ...invitation, token: await tables.people.invite(invitation) };
  };

  return {
    ...tables,
    relyingParty,
    credentials,
    sessions,
    cookie,
    opener: new SessionOpener(sessions, cookie, tables.people),
    anInvitation,
    /** A member of the refuge: her invitation accepted, her account active. */
    async aMember(role?: PersonRole) {
      const invitation = await anInvitation({ role });
      await tables.people.markJoined(invitation.invitationId, invitation.personId);
      return invitation;
    },
    /** The session a sign-in's cookie names, as her next request finds it: null once it has ended. */
    sessionOf: (signedIn: Pick<SignedIn, 'setCookie'>) => sessions.authenticate(/^[^=]+=([^;]*)/.exec(signedIn.setCookie)?.[1] ?? ''),
    /** How many sessions of hers are not revoked, on every device. */
    async openSessions(personId: string) {
      const { rows } = await tables.pool.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM auth_sessions WHERE person_id = $1 AND revoked_at IS NULL',
        [personId],
      );
      return rows[0]?.n ?? 0;
    },
  };
}

export type SignInTables = Awaited<ReturnType<typeof signInTables>>;
