import { StreamStateCache, commandId } from '@passerelle/command-handling';
import type { RuntimeSettings } from '@passerelle/config';
import { organisationStream, type OrganisationEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { NOW, REFUGE, admin, contextOf, refugeAdmin } from '../../testing/use-case.fixtures';
import { administered, registered } from '../testing/people-events.fixture';
import { peopleTables } from '../testing/people-tables.fixture';
import { InviteMemberCommand } from './invite-member.command';
import { INVITATION_LIFETIME_MS, InviteMemberHandler } from './invite-member.handler';

const given = CommandHandlerSpecification.for<OrganisationEvent>();
const theRefuge = organisationStream(REFUGE);
const settings = { publicUrl: 'https://passerelle.example.org' } as RuntimeSettings;

describe('invite member', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  const handler = (store: EventStore) => new InviteMemberHandler(store, new StreamStateCache(), tables.people, settings);

  beforeAll(async () => {
    tables = await peopleTables('invite_member');
  });
  afterAll(() => tables.close());

  it('lets the network admin invite the first org_admin: ids and role in the event, her address and the link’s hash in the table', async () => {
    const ids = { idSeed: 'seed-1' };
    let url = '';
    await given(existingStream(theRefuge, [registered]))
      .when(async (store) => {
        ({ invitationUrl: url } = await handler(store).execute(
          new InviteMemberCommand({ organisationId: REFUGE, email: 'Lea@Refuge.example', role: 'org_admin' }, contextOf(admin, ids)),
        ));
      })
      .then(
        expectNewEvents(theRefuge, [
          {
            type: 'MemberInvited',
            data: {
              organisationId: REFUGE,
              invitationId: commandId(ids, 'invitation'),
              personId: commandId(ids, 'person'),
              role: 'org_admin',
              expiresAt: new Date(NOW.getTime() + INVITATION_LIFETIME_MS).toISOString(),
            },
          },
        ]),
      );
    expect(url).toMatch(/^https:\/\/passerelle\.example\.org\/console\/#invitation=pinv_[A-Za-z0-9_-]{43}$/);
    const token = url.split('#invitation=')[1] ?? '';
    expect(await tables.people.invitationByToken(token)).toMatchObject({
      email: 'lea@refuge.example',
      role: 'org_admin',
      acceptedAt: null,
    });
    const { rows } = await tables.pool.query<{ dump: string }>('SELECT row_to_json(i)::text AS dump FROM auth_invitations i');
    expect(rows.map((r) => r.dump).join()).not.toContain(token);
  });

  it('refuses an address that already has an account, recording nothing', () =>
    given(existingStream(theRefuge, administered))
      .when((store) =>
        handler(store).execute(
          new InviteMemberCommand({ organisationId: REFUGE, email: 'lea@refuge.example', role: 'caseworker' }, contextOf(refugeAdmin)),
        ),
      )
      .thenThrows('MEMBER.ALREADY_EXISTS'));

  it('refuses the network admin once the organisation has its org_admin', () =>
    given(existingStream(theRefuge, administered))
      .when((store) =>
        handler(store).execute(
          new InviteMemberCommand({ organisationId: REFUGE, email: 'new@refuge.example', role: 'org_admin' }, contextOf(admin)),
        ),
      )
      .thenThrows('AUTH.ORGANISATION_HAS_ADMIN'));
});
