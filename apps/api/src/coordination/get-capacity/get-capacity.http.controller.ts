import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { CoordinationPlaceRequest } from '../coordination-filter.request.dto';
import { GetCapacityQuery } from './get-capacity.query';
import { CAPACITY, CAPACITY_EXAMPLE } from '../coordination.response';
import { Operation } from '@passerelle/http';

@ApiTags('coordination')
@Controller('v1/coordination')
export class GetCapacityController {
  constructor(private readonly queries: QueryBus) {}

  /** Capacity is a picture of now: there is no period to choose. */
  @Get('capacity')
  @Roles('coordinator')
  @Operation('getCoordinationCapacity', {
    summary: 'Declared places per organisation and service against occupied places (accepted, not closed) and the waiting list',
    responses: [{ status: 200, description: 'Capacity now', body: CAPACITY, example: CAPACITY_EXAMPLE }],
    problems: [422],
  })
  capacity(@Query() request: CoordinationPlaceRequest, @Context() context: CommandContext) {
    const { department, service, indicator, kind } = request;
    return this.queries.execute(new GetCapacityQuery({ department, service, indicator, kind }, context.actor, context.now));
  }
}
