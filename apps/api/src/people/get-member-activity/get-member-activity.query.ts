import type { Actor } from '@passerelle/domain';

export class GetMemberActivityQuery {
  constructor(
    readonly actor: Actor,
    readonly organisationId: string,
    readonly personId: string,
    readonly limit: number,
  ) {}
}
