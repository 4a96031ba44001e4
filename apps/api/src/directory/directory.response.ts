import { arrayOf, boolean, count, INSTANT, integer, named, object, constant, text, UUID } from '@passerelle/http';

/** The Human Services Data Specification (HSDS 3) page shapes the directory export answers with (docs/directory-exports.md). */
const SERVICE = object({
  id: UUID,
  organization_id: UUID,
  name: text(),
  description: text(),
  status: constant('active'),
  last_modified: INSTANT,
  service_areas: arrayOf(object({ id: UUID, service_id: UUID, name: text(), description: text() })),
  capacities: arrayOf(
    object({
      id: UUID,
      service_id: UUID,
      unit: object({ id: UUID, name: text(), scheme: text(), identifier: text() }),
      available: count(),
      maximum: count(),
      description: text(),
      updated: INSTANT,
    }),
  ),
});

export const HSDS_PAGE = named(
  'HsdsOrganizationPage',
  object({
    total_items: count(),
    total_pages: count(),
    page_number: integer({ minimum: 1 }),
    size: count(),
    first_page: boolean(),
    last_page: boolean(),
    empty: boolean(),
    contents: arrayOf(
      named(
        'HsdsOrganization',
        object(
          {
            id: UUID,
            name: text(),
            description: text(),
            email: text(),
            phones: arrayOf(object({ id: UUID, organization_id: UUID, number: text() })),
            organization_identifiers: arrayOf(
              object({ id: UUID, organization_id: UUID, identifier_scheme: text(), identifier_type: text(), identifier: text() }),
            ),
            services: arrayOf(SERVICE),
          },
          ['email', 'phones'],
        ),
      ),
    ),
  }),
);
export const HSDS_PAGE_EXAMPLE = {
  total_items: 1,
  total_pages: 1,
  page_number: 1,
  size: 1,
  first_page: true,
  last_page: true,
  empty: false,
  contents: [
    {
      id: 'af94665f-25d1-5f38-ad0e-e62cd8b94d8c',
      name: 'Refuge 93',
      description: 'Refuge of the Passerelle referral network, in the département Seine-Saint-Denis (93).',
      organization_identifiers: [
        {
          id: 'f184860d-9b3b-5194-8eac-ad23d9af5ce0',
          organization_id: 'af94665f-25d1-5f38-ad0e-e62cd8b94d8c',
          identifier_scheme: 'passerelle',
          identifier_type: 'Passerelle organisation id',
          identifier: 'refuge-93',
        },
      ],
      services: [],
    },
  ],
};
