import type { Actor } from '@passerelle/domain';
import type { CoordinationFilter } from '@passerelle/projections';

/** The funnel over the identifications the filter selects, as of `now` (which decides what is overdue). */
export class GetFunnelQuery {
  constructor(
    readonly filter: CoordinationFilter,
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
