import { organisationStream, type Service } from '@passerelle/domain';
import type { HealthcareService } from 'fhir/r4';
import { randomUUID } from 'node:crypto';
import { openReadSide, type ReadSide } from '../../testing/read-side.fixtures';
import { ASSO, CLINIC, REFUGE, organisationRegistered } from '../../testing/use-case.fixtures';
import type { FhirRequestUrls } from '../fhir-http';
import { CODE_SYSTEM, EXTENSION } from '../fhir-systems';
import { healthcareServiceId } from './directory.mapping';
import {
  ReadFhirHealthcareServiceHandler,
  ReadFhirOrganizationHandler,
  SearchFhirHealthcareServicesHandler,
  SearchFhirOrganizationsHandler,
} from './read-directory.handler';
import {
  ReadFhirHealthcareServiceQuery,
  ReadFhirOrganizationQuery,
  SearchFhirHealthcareServicesQuery,
  SearchFhirOrganizationsQuery,
} from './read-directory.query';

const BASE = 'https://passerelle.example.org/fhir/r4';
const urls = (search: string): FhirRequestUrls => ({ base: BASE, self: new URL(`${BASE}/${search}`) });
const at = (time: string) => ({ metadata: { occurredAt: `2026-11-20T${time}:00.000Z` } });
const DESK = { phone: '+33140000000', email: 'accueil@refuge.example' };
const declared = (service: Service, total: number, available: number, time: string) => ({
  type: 'CapacityDeclared',
  data: { organisationId: REFUGE, service, total, available },
  ...at(time),
});
const idsOf = (bundle: { entry?: { resource?: { id?: string } }[] }) => bundle.entry?.map((entry) => entry.resource?.id);
/** The SDOH capacity status of a service, and the figures the refuge declared. */
const capacityOf = (service: HealthcareService | undefined) => {
  const extension = (url: string) => service?.extension?.find((e) => e.url === url)?.extension ?? [];
  return {
    status: extension(EXTENSION.sdohCapacityStatus)[0]?.valueCodeableConcept?.coding?.[0]?.code,
    notes: extension(EXTENSION.sdohCapacityStatus)[1]?.valueString,
    declared: extension(EXTENSION.declaredCapacity).map((e) => e.valueUnsignedInt ?? e.valueDateTime),
  };
};

describe('read and search the FHIR directory', () => {
  let side: ReadSide;

  beforeAll(async () => {
    side = await openReadSide('fhir_directory');
    const refuge = organisationRegistered(REFUGE, 'refuge', ['shelter', 'specialised_shelter']);
    await side.given(
      [
        organisationStream(REFUGE),
        [
          { ...refuge, data: { ...refuge.data, contact: DESK }, ...at('10:00') },
          declared('shelter', 10, 0, '11:00'),
          declared('specialised_shelter', 4, 2, '12:00'),
        ],
      ],
      [organisationStream(CLINIC), [organisationRegistered(CLINIC, 'health', ['medical'])]],
      [organisationStream(ASSO), [organisationRegistered(ASSO, 'ngo', ['legal'])]],
    );
  });
  afterAll(() => side.close());

  it('reads an organisation with its kind, département and desk contact, and no address', async () => {
    const organization = await new ReadFhirOrganizationHandler(side.directory).execute(new ReadFhirOrganizationQuery(REFUGE));

    expect(organization).toEqual({
      resourceType: 'Organization',
      id: REFUGE,
      meta: { lastUpdated: '2026-11-20T12:00:00.000Z' },
      extension: [{ url: EXTENSION.department, valueCoding: { system: CODE_SYSTEM.departement, code: '75', display: 'Paris' } }],
      identifier: [{ system: CODE_SYSTEM.organisationId, value: REFUGE }],
      active: true,
      type: [{ coding: [{ system: CODE_SYSTEM.organisationKind, code: 'refuge', display: expect.any(String) }] }],
      name: REFUGE,
      telecom: [
        { system: 'phone', value: DESK.phone, use: 'work' },
        { system: 'email', value: DESK.email, use: 'work' },
      ],
    });
    await expect(
      new ReadFhirOrganizationHandler(side.directory).execute(new ReadFhirOrganizationQuery('nowhere-75')),
    ).rejects.toMatchObject({
      code: 'ORGANISATION.NOT_FOUND',
    });
  });

  it('searches organisations by kind, or lists them all', async () => {
    const search = (kinds?: ('refuge' | 'health')[]) =>
      new SearchFhirOrganizationsHandler(side.directory).execute(new SearchFhirOrganizationsQuery(kinds, urls('Organization')));

    expect(idsOf(await search(['refuge', 'health']))).toEqual([CLINIC, REFUGE]);
    const all = await search();
    expect(idsOf(all)).toEqual([ASSO, CLINIC, REFUGE]);
    expect(all.entry?.[0]?.fullUrl).toBe(`${BASE}/Organization/${ASSO}`);
  });

  it('shows each service with the places last declared: capacity while some are free, no-capacity when none are', async () => {
    const search = (filter: SearchFhirHealthcareServicesQuery['filter']) =>
      new SearchFhirHealthcareServicesHandler(side.directory).execute(
        new SearchFhirHealthcareServicesQuery(filter, urls('HealthcareService')),
      );

    const [shelter, specialised] = (await search({ organisationId: REFUGE })).entry?.map((entry) => entry.resource) ?? [];
    expect(capacityOf(shelter)).toEqual({
      status: 'no-capacity',
      notes: '0 of 10 places available, as declared on 2026-11-20T11:00:00.000Z.',
      declared: [0, 10, '2026-11-20T11:00:00.000Z'],
    });
    expect(capacityOf(specialised)).toMatchObject({ status: 'capacity', declared: [2, 4, '2026-11-20T12:00:00.000Z'] });
    const medical = await search({ services: ['medical'] });
    expect(medical.entry?.map((entry) => entry.resource?.providedBy?.reference)).toEqual([`Organization/${CLINIC}`]);
    expect(capacityOf(medical.entry?.[0]?.resource)).toEqual({ status: undefined, notes: undefined, declared: [] });
  });

  it('reads a service by its stable id, and refuses an id the directory does not have', async () => {
    const read = (id: string) => new ReadFhirHealthcareServiceHandler(side.directory).execute(new ReadFhirHealthcareServiceQuery(id));

    expect(await read(healthcareServiceId(REFUGE, 'specialised_shelter'))).toMatchObject({
      providedBy: { reference: `Organization/${REFUGE}` },
      type: [{ coding: [{ system: CODE_SYSTEM.service, code: 'specialised_shelter' }] }],
    });
    await expect(read(randomUUID())).rejects.toMatchObject({ code: 'ORGANISATION.NOT_FOUND' });
  });
});
