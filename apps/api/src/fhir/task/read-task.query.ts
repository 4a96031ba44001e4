import type { Actor } from '@passerelle/domain';

export class ReadFhirTaskQuery {
  constructor(
    readonly actor: Actor,
    readonly referralId: string,
  ) {}
}
