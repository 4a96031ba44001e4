import type { Actor } from '@passerelle/domain';

export class GetPlaceRequestQuery {
  constructor(
    readonly placeRequestId: string,
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
