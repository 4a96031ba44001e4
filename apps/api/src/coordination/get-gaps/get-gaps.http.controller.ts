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
    description:
      'Women are linked across organisations by the linkage key, only through identifications under an active `coordination` consent ' +
      '(docs/adr/0002-coordination-and-consent.md): `ngoOnly` = identified by an ngo, health or refuge partner and by no authority, ' +
      '`authorityOnly` the reverse, `both` = by each side, with `lagDays` between her first identification on each side. ' +
      'A woman is placed by her first identification (its month and département, which `from`, `to` and `department` select) and ' +
      'counted in `rows` under each indicator recorded on any of her identifications, so the rows may add up to more than `totals`, ' +
      'which count each woman once. Identifications without that consent, or erased, are not linked but counted in `totals.notLinkable`: ' +
      'if she consented at the NGO and not at the authority, she is `ngoOnly`. `unreferredTrafficking`: NGO-side identifications ' +
      'with a trafficking indicator never referred to an authority nor to a `specialised_shelter`, `afterDays` or more after.',
    responses: [{ status: 200, description: 'The gaps', body: GAPS, example: GAPS_EXAMPLE }],
    problems: [422],
  })
  gaps(@Query() request: GetGapsRequest, @Context() context: CommandContext) {
    const { afterDays = 30, ...filter } = request;
    return this.queries.execute(new GetGapsQuery(coordinationFilter(filter), afterDays, context.actor, context.now));
  }
}
