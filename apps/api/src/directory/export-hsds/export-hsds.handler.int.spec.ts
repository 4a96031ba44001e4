import { DirectoryQuery } from '@passerelle/projections';
import { A_DIRECTORY, DIRECTORY_READ_MODEL, on } from '../../testing/network.fixtures';
import { openProjectionSide, type ProjectionSide } from '../../testing/read-side.fixtures';
import { ASSO, CLINIC, REFUGE, refuge } from '../../testing/use-case.fixtures';
import { ExportHsdsHandler } from './export-hsds.handler';
import { ExportHsdsQuery } from './export-hsds.query';

describe('export HSDS', () => {
  let side: ProjectionSide;
  const exportPage = (page: number, perPage = 100) =>
    new ExportHsdsHandler(new DirectoryQuery(side.fx.dataSource)).execute(new ExportHsdsQuery(refuge, page, perPage));

  beforeAll(async () => {
    side = await openProjectionSide('export_hsds', DIRECTORY_READ_MODEL);
    await side.given(...A_DIRECTORY);
  });
  afterAll(() => side.close());

  it('exports each organisation with its services, the places it declared and its desk’s contact, and never a location', async () => {
    const { contents } = await exportPage(1);
    const [asso, clinic, shelters] = contents;

    expect(contents.map((organization) => organization.organization_identifiers.map((known) => known.identifier))).toEqual([
      [ASSO],
      [CLINIC],
      [REFUGE],
    ]);
    expect(asso).toMatchObject({ name: ASSO, email: 'accueil@asso-93.example', phones: [{ number: '+33148000000' }] });
    expect(clinic).not.toHaveProperty('email');
    expect(clinic).not.toHaveProperty('phones');
    expect(
      shelters?.services.map((service) => [
        service.name,
        service.service_areas.map((area) => area.name),
        service.capacities.map((places) => [places.maximum, places.available, places.unit.name, places.updated]),
      ]),
    ).toEqual([
      ['Shelter', ['Paris (75)'], []],
      ['Specialised shelter', ['Paris (75)'], [[6, 2, 'place', on('2026-01-03')]]],
    ]);
    expect(JSON.stringify(contents)).not.toMatch(/location|address|latitude/i);
  });

  it('pages the directory in id order, with the same records on every page size, and HSDS’s page fields', async () => {
    const all = await exportPage(1);
    const [first, second, beyond] = [await exportPage(1, 2), await exportPage(2, 2), await exportPage(3, 2)];

    expect(all).toMatchObject({ total_items: 3, total_pages: 1, size: 3, first_page: true, last_page: true });
    expect(first).toMatchObject({
      total_items: 3,
      total_pages: 2,
      page_number: 1,
      size: 2,
      first_page: true,
      last_page: false,
      empty: false,
    });
    expect(second).toMatchObject({ page_number: 2, size: 1, first_page: false, last_page: true, empty: false });
    expect(beyond).toMatchObject({ page_number: 3, size: 0, last_page: true, empty: true, contents: [] });
    expect([...first.contents, ...second.contents]).toEqual(all.contents);
  });
});
