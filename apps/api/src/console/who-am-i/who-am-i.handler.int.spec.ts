import type { Actor } from '@passerelle/domain';
import { peopleTables } from '../../people/testing/people-tables.fixture';
import { REFUGE, admin, refuge, refugeAdmin, refugeCaseworker } from '../../testing/use-case.fixtures';
import { WhoAmIHandler } from './who-am-i.handler';
import { WhoAmIQuery } from './who-am-i.query';

describe('who am I', () => {
  let tables: Awaited<ReturnType<typeof peopleTables>>;
  const whoAmI = (actor: Actor) => new WhoAmIHandler(tables.people).execute(new WhoAmIQuery(actor));

  beforeAll(async () => {
    tables = await peopleTables('who_am_i');
    // The caseworker signed in: invited under her address, then joined.
    const lea = { invitationId: 'inv-lea', personId: String(refugeCaseworker.personId) };
    await tables.people.invite({
      ...lea,
      organisationId: REFUGE,
      email: 'Lea@Refuge.example',
      role: 'caseworker',
      expiresAt: '2027-01-01T00:00:00.000Z',
    });
    await tables.people.markJoined(lea.invitationId, lea.personId);
  });
  afterAll(() => tables.close());

  it('names a person signed in by her e-mail address, with her role and organisation', async () => {
    expect(await whoAmI(refugeCaseworker)).toEqual({
      principal: 'person',
      role: 'caseworker',
      organisationId: REFUGE,
      organisationKind: 'refuge',
      personId: refugeCaseworker.personId,
      name: 'lea@refuge.example',
    });
  });

  it('answers a machine key with its role and organisation only, never its key id', async () => {
    expect(await whoAmI(refuge)).toEqual({ principal: 'api_key', role: 'partner', organisationId: REFUGE, organisationKind: 'refuge' });
    expect(await whoAmI(admin)).toEqual({
      principal: 'api_key',
      role: 'network_admin',
      organisationId: 'passerelle',
      organisationKind: null,
    });
  });

  it('gives a person the people table does not know no name', async () => {
    expect(await whoAmI(refugeAdmin)).toMatchObject({ principal: 'person', personId: refugeAdmin.personId, name: null });
  });
});
