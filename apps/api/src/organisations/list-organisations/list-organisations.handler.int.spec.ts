import type { Actor } from '@passerelle/domain';
import { DirectoryQuery } from '@passerelle/projections';
import { A_DIRECTORY, DIRECTORY_READ_MODEL, on } from '../../testing/network.fixtures';
import { openProjectionSide, type ProjectionSide } from '../../testing/read-side.fixtures';
import { ASSO, CLINIC, REFUGE, actor, admin, asso, coordinator, refuge } from '../../testing/use-case.fixtures';
import { ListOrganisationsHandler } from './list-organisations.handler';
import { ListOrganisationsQuery, type OrganisationFilter } from './list-organisations.query';

describe('list organisations', () => {
  let side: ProjectionSide;
  const list = (filter: Partial<OrganisationFilter> = {}, who: Actor = refuge) =>
    new ListOrganisationsHandler(new DirectoryQuery(side.fx.dataSource)).execute(
      new ListOrganisationsQuery(who, { kind: undefined, department: undefined, service: undefined, ...filter }),
    );
  const ids = async (filter: Partial<OrganisationFilter>) => (await list(filter)).items.map((item) => item.id);

  beforeAll(async () => {
    side = await openProjectionSide('list_organisations', DIRECTORY_READ_MODEL);
    await side.given(...A_DIRECTORY);
  });
  afterAll(() => side.close());

  it('lists every organisation with its département’s name, its services, its desk’s contact and the places it declared', async () => {
    expect((await list()).items).toEqual([
      {
        id: ASSO,
        name: ASSO,
        kind: 'ngo',
        department: '93',
        departmentName: 'Seine-Saint-Denis',
        services: ['legal', 'psychological'],
        contact: { phone: '+33148000000', email: 'accueil@asso-93.example' },
        capacity: [],
      },
      {
        id: CLINIC,
        name: CLINIC,
        kind: 'health',
        department: '13',
        departmentName: 'Bouches-du-Rhône',
        services: ['medical', 'psychological'],
        contact: null,
        capacity: [],
      },
      {
        id: REFUGE,
        name: REFUGE,
        kind: 'refuge',
        department: '75',
        departmentName: 'Paris',
        services: ['shelter', 'specialised_shelter'],
        contact: null,
        capacity: [{ service: 'specialised_shelter', total: 6, available: 2, declaredAt: on('2026-01-03') }],
      },
    ]);
  });

  it('selects by kind, département and service, alone or together', async () => {
    expect(await ids({ kind: 'refuge' })).toEqual([REFUGE]);
    expect(await ids({ department: '13' })).toEqual([CLINIC]);
    expect(await ids({ service: 'psychological' })).toEqual([ASSO, CLINIC]);
    expect(await ids({ service: 'psychological', department: '93' })).toEqual([ASSO]);
    expect(await ids({ kind: 'authority' })).toEqual([]);
  });

  it('shows every role the same directory: the caller does not narrow it', async () => {
    const forTheRefuge = await list();

    for (const who of [asso, coordinator, admin, actor('lab-paris', null, 'researcher')]) expect(await list({}, who)).toEqual(forTheRefuge);
  });
});
