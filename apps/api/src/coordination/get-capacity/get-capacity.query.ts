import type { Actor } from '@passerelle/domain';
import type { CoordinationFilter } from '@passerelle/projections';

/** Declared places against occupied places and waiting lists, now: a picture, so no period. */
export class GetCapacityQuery {
  constructor(
    readonly filter: Omit<CoordinationFilter, 'from' | 'to'>,
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
