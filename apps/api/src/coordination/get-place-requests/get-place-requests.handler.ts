import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CoordinationPlaceRequestsQuery } from '@passerelle/projections';
import { GetPlaceRequestsQuery } from './get-place-requests.query';

/** Counts, time to place and declines of place requests; never a request, a case or a shelter's answer to one. */
@QueryHandler(GetPlaceRequestsQuery)
export class GetPlaceRequestsHandler implements IQueryHandler<GetPlaceRequestsQuery> {
  constructor(private readonly readModel: CoordinationPlaceRequestsQuery) {}

  async execute({ filter, now }: GetPlaceRequestsQuery) {
    return { asOf: now.toISOString(), ...(await this.readModel.placeRequests(filter)) };
  }
}
