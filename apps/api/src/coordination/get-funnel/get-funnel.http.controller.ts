import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/platform';
import { CoordinationFunnelQuery } from '@passerelle/projections';
import { Context, type CommandContext } from '../../shared/command-context';
import { coordinationFilter, CoordinationFilterRequest } from '../coordination-filter.request.dto';

@ApiTags('coordination') @ApiBearerAuth()
@Controller('v1/coordination')
export class GetFunnelController {
  constructor(private readonly query: CoordinationFunnelQuery) {}

  @Get('funnel') @Roles('coordinator')
  @ApiOperation({
    summary: 'identified → referred → accepted → closed with the service provided, in cases',
    description: 'The period, département, indicator and kind select identifications (kind: of the organisation that identified her); '
      + 'service selects which referrals count. Counts, conversions, delays and organisation-level figures; never a person.',
  })
  async funnel(@Query() request: CoordinationFilterRequest, @Context() context: CommandContext) {
    return { asOf: context.now.toISOString(), ...(await this.query.funnel(coordinationFilter(request), context.now)) };
  }
}
