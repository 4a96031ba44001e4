import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { coordinationFilter } from '../coordination-filter.request.dto';
import { GetGapsQuery } from './get-gaps.query';
import { GetGapsRequest } from './get-gaps.request.dto';
import { GAPS, GAPS_EXAMPLE } from '../coordination.response';
import { Operation } from '@passerelle/http';

@ApiTags('coordination')
@Controller('v1/coordination')
export class GetGapsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('gaps')
  @Roles('coordinator')
  @Operation('getCoordinationGaps', {
    summary: 'Women identified by an NGO-side partner only, by the authority only, or by both (linked by linkage key)',
    responses: [{ status: 200, description: 'The gaps', body: GAPS, example: GAPS_EXAMPLE }],
    problems: [422],
  })
  gaps(@Query() request: GetGapsRequest, @Context() context: CommandContext) {
    const { afterDays = 30, ...filter } = request;
    return this.queries.execute(new GetGapsQuery(coordinationFilter(filter), afterDays, context.actor, context.now));
  }
}
