import { SessionStore } from '@passerelle/auth';
import { StreamStateCache } from '@passerelle/command-handling';
import { organisationStream, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { REFUGE, admin, contextOf, refugeAdmin } from '../../testing/use-case.fixtures';
import { administered, invited, joined } from '../testing/people-events.fixture';
import { aMember, peopleTables } from '../testing/people-tables.fixture';
import { RemoveMemberCommand } from './remove-member.command';
import { RemoveMemberHandler } from './remove-member.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);

describe('remove member', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  const handler = (store: EventStore) => new RemoveMemberHandler(store, new StreamStateCache(), tables.people);
  /** An active caseworker of the refuge, signed in. */
  const caseworker = async (personId: string) => {
    await aMember(tables.people, personId);
    return new SessionStore(tables.pool).create(personId);
  };

  beforeAll(async () => {
    tables = await peopleTables('remove_member');
  });
  afterAll(() => tables.close());

  it('records her removal with the org_admin’s name and ends her sessions', async () => {
    const session = await caseworker('awa');
    await given(existingStream(theRefuge, [...administered, invited('awa'), joined('awa')]))
      .when((store) => handler(store).execute(new RemoveMemberCommand({ organisationId: REFUGE, personId: 'awa' }, contextOf(refugeAdmin))))
      .then(
        expectNewEvents(theRefuge, [
          {
            type: 'MemberRemoved',
            data: { organisationId: REFUGE, personId: 'awa' },
            metadata: { actor: expect.objectContaining({ personId: 'person-refuge-admin' }) as never },
          },
        ]),
      );
    expect(await new SessionStore(tables.pool).authenticate(session.token)).toBeNull();
    expect(await tables.people.find('awa')).toMatchObject({ status: 'removed' });
  });

  it('refuses to remove the last org_admin, and the network admin once the organisation administers itself', async () => {
    await given(existingStream(theRefuge, administered))
      .when((store) =>
        handler(store).execute(
          new RemoveMemberCommand({ organisationId: REFUGE, personId: 'person-refuge-admin' }, contextOf(refugeAdmin)),
        ),
      )
      .thenThrows('MEMBER.LAST_ORG_ADMIN');
    const session = await caseworker('fatou');
    await given(existingStream(theRefuge, [...administered, invited('fatou'), joined('fatou')]))
      .when((store) => handler(store).execute(new RemoveMemberCommand({ organisationId: REFUGE, personId: 'fatou' }, contextOf(admin))))
      .thenThrows('AUTH.ORGANISATION_HAS_ADMIN');
    expect(await new SessionStore(tables.pool).authenticate(session.token)).not.toBeNull();
  });
});
