import { StreamStateCache } from '@passerelle/command-handling';
import { organisationStream, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { REFUGE, contextOf, refugeAdmin } from '../../testing/use-case.fixtures';
import { administered, invited, joined } from '../testing/people-events.fixture';
import { aMember, peopleTables } from '../testing/people-tables.fixture';
import { ChangeMemberRoleCommand } from './change-member-role.command';
import { ChangeMemberRoleHandler } from './change-member-role.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);

describe('change member role', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  const handler = (store: EventStore) => new ChangeMemberRoleHandler(store, new StreamStateCache(), tables.people);

  beforeAll(async () => {
    tables = await peopleTables('change_member_role');
    await aMember(tables.people, 'awa', { status: 'invited' });
  });
  afterAll(() => tables.close());

  it('makes a caseworker an org_admin: recorded, and the table her sessions read says so', async () => {
    await given(existingStream(theRefuge, [...administered, invited('awa'), joined('awa')]))
      .when((store) =>
        handler(store).execute(
          new ChangeMemberRoleCommand({ organisationId: REFUGE, personId: 'awa', role: 'org_admin' }, contextOf(refugeAdmin)),
        ),
      )
      .then(
        expectNewEvents(theRefuge, [{ type: 'MemberRoleChanged', data: { organisationId: REFUGE, personId: 'awa', role: 'org_admin' } }]),
      );
    expect(await tables.people.find('awa')).toMatchObject({ role: 'org_admin' });
  });

  it('refuses a network role in a partner organisation', () =>
    given(existingStream(theRefuge, [...administered, invited('awa'), joined('awa')]))
      .when((store) =>
        handler(store).execute(
          new ChangeMemberRoleCommand({ organisationId: REFUGE, personId: 'awa', role: 'network_admin' }, contextOf(refugeAdmin)),
        ),
      )
      .thenThrows('MEMBER.ROLE_NOT_ALLOWED'));

  it('keeps the last org_admin', () =>
    given(existingStream(theRefuge, administered))
      .when((store) =>
        handler(store).execute(
          new ChangeMemberRoleCommand(
            { organisationId: REFUGE, personId: 'person-refuge-admin', role: 'caseworker' },
            contextOf(refugeAdmin),
          ),
        ),
      )
      .thenThrows('MEMBER.LAST_ORG_ADMIN'));
});
