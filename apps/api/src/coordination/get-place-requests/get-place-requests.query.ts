import type { Actor } from '@passerelle/domain';
import type { CoordinationFilter } from '@passerelle/projections';

/** Place requests made in the period (period, département and service of the filter). */
export class GetPlaceRequestsQuery {
  constructor(
    readonly filter: CoordinationFilter,
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
