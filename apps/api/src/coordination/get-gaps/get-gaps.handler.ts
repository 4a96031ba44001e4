import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CoordinationGapsQuery } from '@passerelle/projections';
import { GetGapsQuery } from './get-gaps.query';

/** Counts of women per side and linkage lags; the linkage keys themselves never leave the read model. */
@QueryHandler(GetGapsQuery)
export class GetGapsHandler implements IQueryHandler<GetGapsQuery> {
  constructor(private readonly readModel: CoordinationGapsQuery) {}

  async execute({ filter, afterDays, now }: GetGapsQuery) {
    return { asOf: now.toISOString(), ...(await this.readModel.gaps(filter, now, afterDays)) };
  }
}
