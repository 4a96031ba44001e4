import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { ReplayWholeAnswer } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RunResearchQuery } from './run-research-query.query';
import { RunResearchQueryRequest } from './run-research-query.request.dto';

@ApiTags('research')
@ApiBearerAuth()
@Controller('v1/research')
export class RunResearchQueryController {
  constructor(private readonly queries: QueryBus) {}

  @Post('queries')
  @HttpCode(200)
  @Roles('researcher')
  @ReplayWholeAnswer('generalised aggregates under disclosure control (docs/adr/0002-coordination-and-consent.md): no row about a person')
  @ApiOperation({
    summary: 'Aggregate query over generalised rows, with disclosure control',
    description:
      'Only cases with an active research consent count. Counts under k are suppressed, with complementary suppression; ' +
      'values seen fewer than k times in the year are shown inside "other". With epsilon, counts get discrete Laplace noise ' +
      'and ε is spent from your budget (403 RESEARCH.EPSILON_BUDGET_SPENT once it is used up).',
  })
  run(@Body() request: RunResearchQueryRequest, @Context() context: CommandContext) {
    const { unit, groupBy, measures, epsilon, filters } = request;
    // Only the filters that were sent: a DTO instance also carries the optional ones, undefined.
    const given = Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as Record<string, string>;
    return this.queries.execute(
      new RunResearchQuery(
        { unit, groupBy, measures, epsilon, filters: { ...given, from: filters.from, to: filters.to } },
        context.actor,
        context.now,
      ),
    );
  }
}
