import type { Actor } from '@passerelle/domain';

export class ListMembersQuery {
  constructor(
    readonly actor: Actor,
    readonly organisationId: string,
  ) {}
}
