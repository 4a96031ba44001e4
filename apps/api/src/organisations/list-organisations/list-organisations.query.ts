import type { Actor, OrganisationKind, Service } from '@passerelle/domain';

export interface OrganisationFilter {
  kind: OrganisationKind | undefined;
  department: string | undefined;
  service: Service | undefined;
}

/** Every role may read the directory; the actor is carried for the record, not to narrow the list. */
export class ListOrganisationsQuery {
  constructor(
    readonly actor: Actor,
    readonly filter: OrganisationFilter,
  ) {}
}
