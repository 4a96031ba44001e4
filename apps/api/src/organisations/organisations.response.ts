import { ORGANISATION_KINDS, SERVICES } from '@passerelle/domain';
import { arrayOf, count, INSTANT, named, object, oneOfValues, orNull, ORGANISATION_ID_SCHEMA, POSITION, text } from '@passerelle/http';

const SERVICE = oneOfValues(SERVICES);

export const ORGANISATION_REGISTERED = named('OrganisationRegistered', object({ id: ORGANISATION_ID_SCHEMA, position: POSITION }));
export const ORGANISATION_REGISTERED_EXAMPLE = { id: 'refuge-93', position: '0' };

export const CAPACITY_DECLARED = named(
  'CapacityDeclared',
  object({ organisationId: ORGANISATION_ID_SCHEMA, service: SERVICE, total: count(), available: count(), position: POSITION }),
);
export const CAPACITY_DECLARED_EXAMPLE = { organisationId: 'refuge-93', service: 'shelter', total: 12, available: 3, position: '11' };

export const ORGANISATIONS = named(
  'OrganisationList',
  object({
    items: arrayOf(
      named(
        'Organisation',
        object({
          id: ORGANISATION_ID_SCHEMA,
          name: text(),
          kind: oneOfValues(ORGANISATION_KINDS),
          department: text({ example: '93' }),
          departmentName: orNull(text({ example: 'Seine-Saint-Denis' })),
          services: arrayOf(SERVICE),
          contact: orNull(object({ phone: orNull(text()), email: orNull(text()) })),
          capacity: arrayOf(object({ service: SERVICE, total: count(), available: count(), declaredAt: INSTANT })),
        }),
      ),
    ),
  }),
);
export const ORGANISATIONS_EXAMPLE = {
  items: [
    {
      id: 'refuge-93',
      name: 'Refuge 93',
      kind: 'refuge',
      department: '93',
      departmentName: 'Seine-Saint-Denis',
      services: ['shelter'],
      contact: { phone: '+33100000000', email: null },
      capacity: [{ service: 'shelter', total: 12, available: 3, declaredAt: '2026-12-01T09:00:00.000Z' }],
    },
  ],
};
