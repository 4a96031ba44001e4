import { READ_MODEL } from '@passerelle/database';
import { waitForCheckpoint } from '@passerelle/projections';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { DataSource } from 'typeorm';
import { hsdsOrganizationPage } from '../fixtures/hsds/hsds-3.1.schema';
import { auth, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

interface Capacity {
  unit: { name: string };
  available: number;
  maximum: number;
  updated: string;
}
interface Service {
  id: string;
  organization_id: string;
  name: string;
  status: string;
  service_areas: { name: string }[];
  capacities: Capacity[];
}
interface Organization {
  id: string;
  name: string;
  description: string;
  organization_identifiers: { identifier_scheme: string; identifier: string }[];
  services: Service[];
}
interface Page {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Organization[];
}

/** Every key anywhere in a JSON value, to prove that no location-like field hides in a nested record. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
      : [];

describe('the directory exported in Open Referral HSDS shape (GET /v1/directory/hsds)', () => {
  let network: TestNetwork;
  let asso: Partner;
  let refuge: Partner;
  let coordinator: Partner;
  const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(hsdsOrganizationPage);

  const hsds = async (key: Partner, query = '') => {
    const response = await network.http().get(`/v1/directory/hsds${query}`).set(auth(key));
    expect(response.status).toBe(200);
    const valid = validate(response.body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    return response.body as Page;
  };
  const identified = (page: Page, id: string) => page.contents.find((o) => o.organization_identifiers.some((i) => i.identifier === id));

  beforeAll(async () => {
    network = await startTestNetwork();
    asso = await onboard(network, {
      id: 'asso-93',
      name: 'Association 93',
      kind: 'ngo',
      department: '93',
      services: ['legal', 'psychological'],
    });
    refuge = await onboard(network, {
      id: 'refuge-75',
      name: 'Refuge des Lilas',
      kind: 'refuge',
      department: '75',
      services: ['specialised_shelter'],
      contact: { phone: '+33 1 48 00 00 00', email: null },
    });
    coordinator = await onboard(
      network,
      { id: 'coordination-idf', kind: 'authority', department: '75', services: ['legal'] },
      'coordinator',
    );
    const declared = await network
      .http()
      .put('/v1/organisations/refuge-75/capacity')
      .set(auth(refuge))
      .send({ service: 'specialised_shelter', total: 12, available: 3 });
    expect(declared.status).toBe(200);
    const readModel = network.app.get<DataSource>(READ_MODEL);
    expect(await waitForCheckpoint(readModel, 'directory', BigInt(declared.body.position as string), 10_000)).toBe(true);
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => network?.close());

  it('lists every organisation with its services and declared places, valid against the HSDS 3.1 schemas', async () => {
    const page = await hsds(asso);

    expect(page).toMatchObject({
      total_items: 3,
      total_pages: 1,
      page_number: 1,
      size: 3,
      first_page: true,
      last_page: true,
      empty: false,
    });
    const lilas = identified(page, 'refuge-75');
    expect(lilas).toMatchObject({
      name: 'Refuge des Lilas',
      description: expect.stringContaining('Refuge') as string,
      organization_identifiers: [{ identifier_scheme: 'passerelle', identifier: 'refuge-75' }],
      phones: [{ number: '+33148000000' }],
    });
    expect(lilas).not.toHaveProperty('email');
    expect(lilas?.services).toEqual([
      expect.objectContaining({
        organization_id: lilas?.id,
        name: 'Specialised shelter',
        status: 'active',
        service_areas: [expect.objectContaining({ name: 'Paris (75)' })],
        capacities: [expect.objectContaining({ unit: expect.objectContaining({ name: 'place' }) as unknown, available: 3, maximum: 12 })],
      }),
    ]);
    const association = identified(page, 'asso-93');
    expect(association?.services.map((s) => [s.name, s.capacities])).toEqual([
      ['Legal support', []],
      ['Psychological support', []],
    ]);
  });

  it('never exports a location, an address or a service at a location (a refuge’s address is confidential)', async () => {
    const keys = new Set(keysOf(await hsds(coordinator)));
    for (const field of ['locations', 'location', 'address', 'addresses', 'service_at_locations', 'latitude', 'longitude']) {
      expect(keys.has(field)).toBe(false);
    }
  });

  it('gives every record the same UUID on every export, so a reader can update what it holds', async () => {
    const first = await hsds(asso);
    const second = await hsds(refuge);
    expect(second.contents.map((o) => [o.id, o.services.map((s) => s.id)])).toEqual(
      first.contents.map((o) => [o.id, o.services.map((s) => s.id)]),
    );
    expect(new Set(first.contents.flatMap((o) => [o.id, ...o.services.map((s) => s.id)])).size).toBe(7);
  });

  it('pages with page and per_page, as HSDS’s own API does', async () => {
    const one = await hsds(asso, '?per_page=1');
    const two = await hsds(asso, '?per_page=1&page=2');
    const three = await hsds(asso, '?per_page=1&page=3');
    const past = await hsds(asso, '?per_page=1&page=4');
    expect([one, two, three].map((p) => [p.page_number, p.size, p.first_page, p.last_page, p.total_pages])).toEqual([
      [1, 1, true, false, 3],
      [2, 1, false, false, 3],
      [3, 1, false, true, 3],
    ]);
    expect(new Set([one, two, three].map((p) => p.contents[0]?.id)).size).toBe(3);
    expect(past).toMatchObject({ size: 0, empty: true, contents: [] });
  });

  it('answers bad paging with a problem, and no key with 401', async () => {
    const bad = await network.http().get('/v1/directory/hsds?per_page=0').set(auth(asso));
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'REQUEST.VALIDATION' });
    expect((await network.http().get('/v1/directory/hsds')).status).toBe(401);
  });
});
