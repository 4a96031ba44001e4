import { migrate } from '@passerelle/migrations';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { Pool } from 'pg';
import { AUTH_MIGRATIONS } from './auth.migration';
import { PeopleStore } from './people.store';
import { SessionStore } from './session.store';

/** Sessions on a real PostgreSQL: idle and absolute deadlines, sign-out, and a removed person. */
describe('SessionStore on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let sessions: SessionStore;
  let people: PeopleStore;
  let n = 0;

  /** An active person of the refuge. */
  const person = async () => {
    n += 1;
    const personId = `person-${n}`;
    await people.invite({
      invitationId: `inv-${n}`,
      personId,
      organisationId: 'refuge-75',
      email: `p${n}@refuge.example`,
      role: 'caseworker',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await people.markJoined(`inv-${n}`, personId);
    return personId;
  };

  beforeAll(async () => {
    db = await createTestDatabase('auth_sessions');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await migrate(pool, [AUTH_MIGRATIONS]);
    sessions = new SessionStore(pool, null, { idleMs: 15 * 60_000, absoluteMs: 12 * 3600_000 });
    people = new PeopleStore(pool);
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('names the person, her organisation and role, and keeps only a hash of the cookie', async () => {
    const personId = await person();
    const session = await sessions.create(personId);
    expect(await sessions.authenticate(session.token)).toMatchObject({
      personId,
      organisationId: 'refuge-75',
      role: 'caseworker',
      csrfToken: session.csrfToken,
    });
    const { rows } = await pool.query<{ dump: string }>('SELECT row_to_json(s)::text AS dump FROM auth_sessions s');
    expect(rows.map((r) => r.dump).join()).not.toContain(session.token);
  });

  it('ends a session idle for longer than the idle timeout', async () => {
    const session = await sessions.create(await person());
    await pool.query(`UPDATE auth_sessions SET last_seen_at = now() - interval '16 minutes' WHERE session_id = $1`, [session.sessionId]);
    expect(await sessions.authenticate(session.token)).toBeNull();
  });

  it('ends a session at its absolute deadline, however active', async () => {
    const session = await sessions.create(await person(), new Date(Date.now() - 12 * 3600_000 - 1000));
    await pool.query('UPDATE auth_sessions SET last_seen_at = now() WHERE session_id = $1', [session.sessionId]);
    expect(await sessions.authenticate(session.token)).toBeNull();
  });

  it('ends one session on sign-out, and every session on sign-out everywhere', async () => {
    const personId = await person();
    const [a, b, c] = [await sessions.create(personId), await sessions.create(personId), await sessions.create(personId)];
    await sessions.revoke(a.sessionId);
    expect(await sessions.authenticate(a.token)).toBeNull();
    expect(await sessions.authenticate(b.token)).not.toBeNull();
    expect(await sessions.revokeAllFor(personId)).toBe(2);
    for (const session of [b, c]) expect(await sessions.authenticate(session.token)).toBeNull();
  });

  it('ends the sessions of a person removed from her organisation', async () => {
    const personId = await person();
    const session = await sessions.create(personId);
    await people.remove(personId);
    expect(await sessions.authenticate(session.token)).toBeNull();
  });

  it('refuses a malformed or unknown cookie', async () => {
    expect(await sessions.authenticate('not a token')).toBeNull();
    expect(await sessions.authenticate('a'.repeat(43))).toBeNull();
  });
});
