import type { Actor } from '@passerelle/domain';

export class ReadFhirServiceRequestQuery {
  constructor(
    readonly actor: Actor,
    readonly referralId: string,
    readonly now: Date,
  ) {}
}
