import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { coordinationFilter } from '../coordination-filter.request.dto';
import { GetGapsQuery } from './get-gaps.query';
import { GetGapsRequest } from './get-gaps.request.dto';

@ApiTags('coordination')
@ApiBearerAuth()
@Controller('v1/coordination')
export class GetGapsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('gaps')
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Women identified by an NGO-side partner only, by the authority only, or by both (linked by linkage key)',
    description:
      'Only identifications whose coordination consent is active are linked; the others are counted in totals.notLinkable. ' +
      'Also NGO-side trafficking identifications never referred to an authority nor to a specialised shelter after afterDays.',
  })
  gaps(@Query() request: GetGapsRequest, @Context() context: CommandContext) {
    const { afterDays = 30, ...filter } = request;
    return this.queries.execute(new GetGapsQuery(coordinationFilter(filter), afterDays, context.actor, context.now));
  }
}
