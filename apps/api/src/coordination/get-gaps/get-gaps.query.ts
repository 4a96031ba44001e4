import type { Actor } from '@passerelle/domain';
import type { CoordinationFilter } from '@passerelle/projections';

/** Identification gaps as of `now` (which decides whose coordination consent is active); `afterDays` ≥ 1. */
export class GetGapsQuery {
  constructor(
    readonly filter: CoordinationFilter,
    readonly afterDays: number,
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
