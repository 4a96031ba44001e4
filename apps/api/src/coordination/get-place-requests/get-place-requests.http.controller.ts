import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { coordinationFilter } from '../coordination-filter.request.dto';
import { GetPlaceRequestsQuery } from './get-place-requests.query';
import { GetPlaceRequestsRequest } from './get-place-requests.request.dto';

@ApiTags('coordination')
@ApiBearerAuth()
@Controller('v1/coordination')
export class GetPlaceRequestsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('place-requests')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Place requests: placed, expired, cancelled; time to place (median, p90); declines per reason; rounds',
    description:
      'Requests made in the period, by her département and the service: how they ended, the hours from the request to the first ' +
      'acceptance, declines per reason (in all and per request), and how many women needed a second round of shelters.',
  })
  placeRequests(@Query() request: GetPlaceRequestsRequest, @Context() context: CommandContext) {
    return this.queries.execute(new GetPlaceRequestsQuery(coordinationFilter(request), context.actor, context.now));
  }
}
