import { StreamStateCache } from '@passerelle/command-handling';
import { organisationStream, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { REFUGE, admin, asso, contextOf, refugeAdmin } from '../../testing/use-case.fixtures';
import { administered, keyIssued } from '../testing/people-events.fixture';
import { peopleTables } from '../testing/people-tables.fixture';
import { RevokeApiKeyCommand } from './revoke-api-key.command';
import { RevokeApiKeyHandler } from './revoke-api-key.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);

describe('revoke API key', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  const handler = (store: EventStore) => new RevokeApiKeyHandler(store, new StreamStateCache(), tables.keys);
  /** A key in the table, as its issuance stored it. */
  const aKey = async () => {
    const issued = await tables.keys.issue(REFUGE, 'partner', 'case system');
    return { ...issued, event: keyIssued(issued.keyId) };
  };

  beforeAll(async () => {
    tables = await peopleTables('revoke_api_key');
  });
  afterAll(() => tables.close());

  it('lets the org_admin revoke a key: recorded with her name, and refused from then on', async () => {
    const key = await aKey();
    await given(existingStream(theRefuge, [...administered, key.event]))
      .when((store) =>
        handler(store).execute(new RevokeApiKeyCommand({ organisationId: REFUGE, keyId: key.keyId }, contextOf(refugeAdmin))),
      )
      .then(
        expectNewEvents(theRefuge, [
          {
            type: 'ApiKeyRevoked',
            data: { organisationId: REFUGE, keyId: key.keyId },
            metadata: { actor: { organisationId: REFUGE, role: 'org_admin', keyId: null, personId: 'person-refuge-admin' } },
          },
        ]),
      );
    expect(await tables.keys.verify(key.key)).toBeNull();
  });

  it('records nothing when the key was already revoked', async () => {
    const key = await aKey();
    await given(
      existingStream(theRefuge, [
        ...administered,
        key.event,
        { type: 'ApiKeyRevoked', data: { organisationId: REFUGE, keyId: key.keyId } },
      ]),
    )
      .when((store) =>
        handler(store).execute(new RevokeApiKeyCommand({ organisationId: REFUGE, keyId: key.keyId }, contextOf(refugeAdmin))),
      )
      .thenNothingHappened();
  });

  it('answers an unknown key with its 404, and only to a manager of the organisation', async () => {
    await given(existingStream(theRefuge, administered))
      .when((store) =>
        handler(store).execute(new RevokeApiKeyCommand({ organisationId: REFUGE, keyId: 'no-such-key' }, contextOf(refugeAdmin))),
      )
      .thenThrows('API_KEY.NOT_FOUND');
    await given(existingStream(theRefuge, administered))
      .when((store) => handler(store).execute(new RevokeApiKeyCommand({ organisationId: REFUGE, keyId: 'no-such-key' }, contextOf(asso))))
      .thenThrows('AUTH.ORG_ADMIN_ONLY');
  });

  it('refuses the network admin once the organisation has its org_admin, and the key keeps working', async () => {
    const key = await aKey();
    await given(existingStream(theRefuge, [...administered, key.event]))
      .when((store) => handler(store).execute(new RevokeApiKeyCommand({ organisationId: REFUGE, keyId: key.keyId }, contextOf(admin))))
      .thenThrows('AUTH.ORGANISATION_HAS_ADMIN');
    expect(await tables.keys.verify(key.key)).not.toBeNull();
  });
});
