import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { coordinationFilter, CoordinationFilterRequest } from '../coordination-filter.request.dto';
import { GetFunnelQuery } from './get-funnel.query';
import { FUNNEL, FUNNEL_EXAMPLE } from '../coordination.response';
import { Operation } from '@passerelle/http';

@ApiTags('coordination')
@Controller('v1/coordination')
export class GetFunnelController {
  constructor(private readonly queries: QueryBus) {}

  @Get('funnel')
  @Roles('coordinator')
  @Operation('getCoordinationFunnel', {
    summary: 'Identified → referred → accepted → closed with service provided, with conversions, delays and declines, per organisation',
    description:
      'The period, département, indicator and kind select identifications (kind: of the organisation that identified her); every identification counts, whatever her consents and even once she is erased: these are the organisations’ operational figures, and nothing in them names or links a woman.',
    responses: [{ status: 200, description: 'The funnel', body: FUNNEL, example: FUNNEL_EXAMPLE }],
    problems: [422],
  })
  funnel(@Query() request: CoordinationFilterRequest, @Context() context: CommandContext) {
    return this.queries.execute(new GetFunnelQuery(coordinationFilter(request), context.actor, context.now));
  }
}
