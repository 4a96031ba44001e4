import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CoordinationFunnelQuery } from '@passerelle/projections';
import { GetFunnelQuery } from './get-funnel.query';

/** Counts and organisation-level figures from the coordination read model; never a person. */
@QueryHandler(GetFunnelQuery)
export class GetFunnelHandler implements IQueryHandler<GetFunnelQuery> {
  constructor(private readonly readModel: CoordinationFunnelQuery) {}

  async execute({ filter, now }: GetFunnelQuery) {
    return { asOf: now.toISOString(), ...(await this.readModel.funnel(filter, now)) };
  }
}
