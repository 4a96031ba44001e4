import { organisationStream, type Actor } from '@passerelle/domain';
import { existingStream } from '@passerelle/testing';
import {
  ASSO,
  CLINIC,
  REFUGE,
  admin,
  answerOf,
  assoAdmin,
  organisationRegistered,
  refuge,
  refugeAdmin,
  refugeCaseworker,
} from '../../testing/use-case.fixtures';
import { INVITATION_EXPIRES_AT, administered, invited, joined, removed } from '../testing/people-events.fixture';
import { aMember, peopleTables } from '../testing/people-tables.fixture';
import { ListMembersHandler } from './list-members.handler';
import { ListMembersQuery } from './list-members.query';

/** The refuge administered by its org_admin: Awa invited, Fatou joined, Mariam removed. */
const theRefuge = existingStream(organisationStream(REFUGE), [
  ...administered,
  invited('awa'),
  invited('fatou'),
  joined('fatou'),
  invited('mariam'),
  joined('mariam'),
  removed('mariam'),
]);
/** The clinic while onboarding: its first org_admin invited, not yet joined. */
const theClinic = existingStream(organisationStream(CLINIC), [
  organisationRegistered(CLINIC, 'health', ['medical']),
  invited('person-clinic-admin', 'org_admin', CLINIC),
]);

describe('list members', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  const membersOf = (organisationId: string, who: Actor) =>
    answerOf([theRefuge, theClinic], (store) =>
      new ListMembersHandler(store, tables.people).execute(new ListMembersQuery(who, organisationId)),
    );

  beforeAll(async () => {
    tables = await peopleTables('list_members');
    await aMember(tables.people, 'person-refuge-admin', { role: 'org_admin' });
    await aMember(tables.people, 'awa', { status: 'invited' });
    await aMember(tables.people, 'fatou');
    await aMember(tables.people, 'mariam', { status: 'removed' });
    await aMember(tables.people, 'person-asso-admin', { organisationId: ASSO, role: 'org_admin' });
    await aMember(tables.people, 'person-clinic-admin', { organisationId: CLINIC, role: 'org_admin', status: 'invited' });
  });
  afterAll(() => tables.close());

  it('lists its org_admin the organisation’s people, oldest first: a pending invitation with its expiry, no one removed, no one else’s', async () => {
    const member = (personId: string, role: string, status: string, invitationExpiresAt: string | null = null) => ({
      personId,
      email: `${personId}@${REFUGE}.example`,
      role,
      status,
      invitedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      invitationExpiresAt,
    });
    expect(await membersOf(REFUGE, refugeAdmin)).toEqual({
      items: [
        member('person-refuge-admin', 'org_admin', 'active'),
        member('awa', 'caseworker', 'invited', INVITATION_EXPIRES_AT),
        member('fatou', 'caseworker', 'active'),
      ],
    });
  });

  it('lets the network admin see the pending invitation of an organisation’s first org_admin (onboarding)', async () => {
    expect(await membersOf(CLINIC, admin)).toEqual({
      items: [expect.objectContaining({ personId: 'person-clinic-admin', status: 'invited', invitationExpiresAt: INVITATION_EXPIRES_AT })],
    });
  });

  it('refuses the network admin once the organisation has its org_admin, another organisation’s admin, its caseworkers and its keys', async () => {
    await expect(membersOf(REFUGE, admin)).rejects.toMatchObject({ code: 'AUTH.ORGANISATION_HAS_ADMIN' });
    for (const who of [assoAdmin, refugeCaseworker, refuge]) {
      await expect(membersOf(REFUGE, who)).rejects.toMatchObject({ code: 'AUTH.ORG_ADMIN_ONLY' });
    }
  });

  it('answers an organisation that is not registered with its 404, even with people in the table', async () => {
    await expect(membersOf(ASSO, assoAdmin)).rejects.toMatchObject({ code: 'ORGANISATION.NOT_FOUND' });
  });
});
