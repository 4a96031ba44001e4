import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { coordinationFilter } from '../coordination-filter.request.dto';
import { GetPlaceRequestsQuery } from './get-place-requests.query';
import { GetPlaceRequestsRequest } from './get-place-requests.request.dto';
import { PLACE_REQUESTS, PLACE_REQUESTS_EXAMPLE } from '../coordination.response';
import { Operation } from '@passerelle/http';

@ApiTags('coordination')
@Controller('v1/coordination')
export class GetPlaceRequestsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('place-requests')
  @Roles('coordinator')
  @Operation('getCoordinationPlaceRequests', {
    summary: 'Place requests: placed, expired, cancelled; time to place (median, p90); declines per reason; rounds',
    responses: [{ status: 200, description: 'Place request figures', body: PLACE_REQUESTS, example: PLACE_REQUESTS_EXAMPLE }],
    problems: [422],
  })
  placeRequests(@Query() request: GetPlaceRequestsRequest, @Context() context: CommandContext) {
    return this.queries.execute(new GetPlaceRequestsQuery(coordinationFilter(request), context.actor, context.now));
  }
}
