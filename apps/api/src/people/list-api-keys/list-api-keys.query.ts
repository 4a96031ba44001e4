import type { Actor } from '@passerelle/domain';

export class ListApiKeysQuery {
  constructor(
    readonly actor: Actor,
    readonly organisationId: string,
  ) {}
}
