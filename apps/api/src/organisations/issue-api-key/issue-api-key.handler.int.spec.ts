import { AUTH_MIGRATIONS, ApiKeyStore } from '@passerelle/auth';
import { organisationStream, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { migrate } from '@passerelle/migrations';
import { CommandHandlerSpecification, createTestDatabase, existingStream, type TestDatabase } from '@passerelle/testing';
import { Pool } from 'pg';
import { REFUGE, admin, endPool, organisationRegistered } from '../../testing/use-case.fixtures';
import { IssueApiKeyCommand } from './issue-api-key.command';
import { IssueApiKeyHandler } from './issue-api-key.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const refugeIsRegistered = existingStream(organisationStream(REFUGE), [organisationRegistered(REFUGE, 'refuge', ['shelter'])]);

describe('issue API key', () => {
  let db: TestDatabase;
  let pool: Pool;
  let keys: ApiKeyStore;
  const handler = (store: EventStore) => new IssueApiKeyHandler(store, keys);
  const keysOf = async (organisationId: string) =>
    (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE organisation_id = $1', [organisationId])).rows[0]?.n;

  beforeAll(async () => {
    db = await createTestDatabase('issue_api_key');
    pool = new Pool({ connectionString: db.url, max: 2 });
    await migrate(pool, [AUTH_MIGRATIONS]);
    keys = new ApiKeyStore(pool);
  });
  afterAll(async () => {
    await endPool(pool);
    await db.drop();
  });

  describe('when the organisation is registered', () => {
    it('issues a key that acts as the organisation in the role asked, shown once and written to no event', () =>
      given(refugeIsRegistered)
        .when(async (store) => {
          const issued = await handler(store).execute(new IssueApiKeyCommand(admin, REFUGE, 'partner'));
          expect(issued).toMatchObject({ organisationId: REFUGE, role: 'partner' });
          expect(await keys.verify(issued.key)).toEqual({ keyId: issued.keyId, organisationId: REFUGE, role: 'partner' });
        })
        .thenNothingHappened());

    it('issues a new key at each request (an Idempotency-Key replay is answered above the handler, without the key)', () =>
      given(refugeIsRegistered)
        .when(async (store) => {
          const before = await keysOf(REFUGE);
          const issue = () => handler(store).execute(new IssueApiKeyCommand(admin, REFUGE, 'coordinator'));
          const first = await issue();
          const second = await issue();
          expect(first.key).not.toBe(second.key);
          expect(await keysOf(REFUGE)).toBe((before ?? 0) + 2);
        })
        .thenNothingHappened());
  });

  describe('when the organisation is not registered', () => {
    it('refuses the key, and stores none', async () => {
      await given()
        .when((store) => handler(store).execute(new IssueApiKeyCommand(admin, 'nobody-00', 'partner')))
        .thenThrows('ORGANISATION.NOT_FOUND');
      expect(await keysOf('nobody-00')).toBe(0);
    });
  });
});
