import {
  caseStream,
  organisationStream,
  type ConsentGranted,
  type ConsentTerms,
  type OrganisationContact,
  type OrganisationKind,
  type PersonIdentified,
  type Service,
} from '@passerelle/domain';
import { PRIVACY_MIGRATIONS } from '@passerelle/privacy';
import {
  COORDINATION_ENTITIES,
  COORDINATION_MIGRATIONS,
  coordinationProjection,
  DIRECTORY_ENTITIES,
  DIRECTORY_MIGRATIONS,
  directoryProjection,
} from '@passerelle/projections';
import { timeline, type GivenStream, type ReadModelUnderTest } from './read-side.fixtures';
import { ASSO, CLINIC, REFUGE, consentGranted, identified } from './use-case.fixtures';

/**
 * Shared by the specs of the network-level queries (coordination, research, the directory): the
 * read models they query, and the organisations and identifications they are given. They count
 * what happened when, so every event here carries its own instant (read-side.fixtures.ts `timeline`).
 */
export { referralAccepted, referralClosed, referralDeclined } from '../../../../libs/projections/src/testing/inbox-events.fixtures';

/** The coordination read model reads her linkage key from privacy_linkage_keys, beside it. */
export const COORDINATION_READ_MODEL: ReadModelUnderTest = {
  projection: coordinationProjection,
  entities: COORDINATION_ENTITIES,
  migrations: [PRIVACY_MIGRATIONS, COORDINATION_MIGRATIONS],
};

export const DIRECTORY_READ_MODEL: ReadModelUnderTest = {
  projection: directoryProjection,
  entities: DIRECTORY_ENTITIES,
  migrations: [DIRECTORY_MIGRATIONS],
};

/** The instant of the coordination specs' questions, after every event they are given. */
export const JUNE_1 = new Date('2026-06-01T00:00:00.000Z');
/** An instant of a day of 2026, as events carry it: `on('2026-03-01')` is 09:00 UTC that day. */
export const on = (day: string, time = '09:00') => `${day}T${time}:00.000Z`;

/** An organisation registered on 2 January, then the places (total, available) it declared per service the day after. */
export const organisation = (
  organisationId: string,
  kind: OrganisationKind,
  department: string,
  services: Service[],
  more: { contact?: OrganisationContact; places?: Partial<Record<Service, [total: number, available: number]>> } = {},
): GivenStream =>
  timeline(
    organisationStream(organisationId),
    [
      on('2026-01-02'),
      { type: 'OrganisationRegistered', data: { organisationId, name: organisationId, kind, department, services, contact: more.contact } },
    ],
    ...Object.entries(more.places ?? {}).map(([service, [total, available]]): [string, { type: string; data: unknown }] => [
      on('2026-01-03'),
      { type: 'CapacityDeclared', data: { organisationId, service, total, available } },
    ]),
  );

/** Her case identified at `occurredAt`, and with `consent` her consent recorded at once (none without). */
export const identifiedCase = (
  caseId: string,
  occurredAt: string,
  identification: Partial<PersonIdentified['data']> = {},
  consent: Partial<ConsentTerms> | null = null,
): GivenStream =>
  timeline(
    caseStream(caseId),
    [occurredAt, identified({ caseId, ...identification })],
    ...(consent ? [consentGranted(consent)] : []).map((granted): [string, ConsentGranted] => [
      occurredAt,
      { ...granted, data: { ...granted.data, caseId } },
    ]),
  );

/** The directory specs' network: an NGO with its desk's contact, a refuge with places declared for one of its services, a clinic. */
export const A_DIRECTORY: GivenStream[] = [
  organisation(ASSO, 'ngo', '93', ['legal', 'psychological'], { contact: { phone: '+33148000000', email: 'accueil@asso-93.example' } }),
  organisation(REFUGE, 'refuge', '75', ['shelter', 'specialised_shelter'], { places: { specialised_shelter: [6, 2] } }),
  organisation(CLINIC, 'health', '13', ['medical', 'psychological']),
];
