import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CoordinationCapacityQuery } from '@passerelle/projections';
import { GetCapacityQuery } from './get-capacity.query';

/** Organisation-level places and loads from the coordination read model. */
@QueryHandler(GetCapacityQuery)
export class GetCapacityHandler implements IQueryHandler<GetCapacityQuery> {
  constructor(private readonly readModel: CoordinationCapacityQuery) {}

  async execute({ filter, now }: GetCapacityQuery) {
    return { asOf: now.toISOString(), ...(await this.readModel.capacity(filter, now)) };
  }
}
