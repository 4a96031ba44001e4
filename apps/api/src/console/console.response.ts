import { ORGANISATION_KINDS, ROLES } from '@passerelle/domain';
import { named, object, oneOfValues, orNull, ORGANISATION_ID_SCHEMA, text, UUID } from '@passerelle/http';

export const WHO_AM_I = named(
  'WhoAmI',
  object(
    {
      principal: oneOfValues(['person', 'api_key']),
      role: oneOfValues(ROLES),
      organisationId: ORGANISATION_ID_SCHEMA,
      organisationKind: orNull(oneOfValues(ORGANISATION_KINDS)),
      personId: UUID,
      name: orNull(text()),
    },
    ['personId', 'name'],
    { description: 'personId and name for a person signed in only' },
  ),
);
export const WHO_AM_I_EXAMPLE = {
  principal: 'person',
  role: 'org_admin',
  organisationId: 'refuge-75',
  organisationKind: null,
  personId: 'd17d1a93-4e7d-53a3-adaa-e9e29312cf57',
  name: 'lea.admin@refuge.example',
};
