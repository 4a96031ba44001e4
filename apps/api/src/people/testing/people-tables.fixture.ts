import { ApiKeyStore, AUTH_MIGRATIONS, PeopleStore, type PersonStatus } from '@passerelle/auth';
import type { PersonRole } from '@passerelle/domain';
import { migrate } from '@passerelle/migrations';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { Pool } from 'pg';
import { endPool, REFUGE } from '../../testing/use-case.fixtures';
import { INVITATION_EXPIRES_AT } from './people-events.fixture';

/** The key and people tables on a fresh test database, for the people use-case specs. */
export async function peopleTables(prefix: string) {
  const db: TestDatabase = await createTestDatabase(prefix);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  await migrate(pool, [AUTH_MIGRATIONS]);
  return {
    pool,
    keys: new ApiKeyStore(pool),
    people: new PeopleStore(pool),
    async close() {
      await endPool(pool);
      await db.drop();
    },
  };
}

/** One of an organisation's people in the table, as her invitation (invitationId `inv-<personId>`), joining and removal left her. */
export async function aMember(
  people: PeopleStore,
  personId: string,
  {
    organisationId = REFUGE,
    role = 'caseworker',
    status = 'active',
  }: { organisationId?: string; role?: PersonRole; status?: PersonStatus } = {},
): Promise<void> {
  const invitationId = `inv-${personId}`;
  await people.invite({
    invitationId,
    personId,
    organisationId,
    email: `${personId}@${organisationId}.example`,
    role,
    expiresAt: INVITATION_EXPIRES_AT,
  });
  if (status !== 'invited') await people.markJoined(invitationId, personId);
  if (status === 'removed') await people.remove(personId);
}
