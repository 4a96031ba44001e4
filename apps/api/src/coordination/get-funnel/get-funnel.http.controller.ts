import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { coordinationFilter, CoordinationFilterRequest } from '../coordination-filter.request.dto';
import { GetFunnelQuery } from './get-funnel.query';

@ApiTags('coordination')
@ApiBearerAuth()
@Controller('v1/coordination')
export class GetFunnelController {
  constructor(private readonly queries: QueryBus) {}

  @Get('funnel')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'identified → referred → accepted → closed with the service provided, in cases',
    description:
      'The period, département, indicator and kind select identifications (kind: of the organisation that identified her); ' +
      'service selects which referrals count. Counts, conversions, delays and organisation-level figures; never a person.',
  })
  funnel(@Query() request: CoordinationFilterRequest, @Context() context: CommandContext) {
    return this.queries.execute(new GetFunnelQuery(coordinationFilter(request), context.actor, context.now));
  }
}
