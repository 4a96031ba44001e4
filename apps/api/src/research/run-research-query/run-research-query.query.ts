import type { Actor } from '@passerelle/domain';
import type { ResearchRequest } from '@passerelle/projections';

/**
 * A researcher's aggregate query as plain data, with only the filters that were sent; the handler
 * checks each value against its vocabulary (422 for an unknown one).
 */
export class RunResearchQuery {
  constructor(
    readonly request: ResearchRequest & { filters: { from: string; to: string } },
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
