import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Operation } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RunResearchQuery } from './run-research-query.query';
import { RunResearchQueryRequest } from './run-research-query.request.dto';
import { RESEARCH_ANSWER, RESEARCH_ANSWER_EXAMPLE } from '../research.response';

@ApiTags('research')
@Controller('v1/research')
export class RunResearchQueryController {
  constructor(private readonly queries: QueryBus) {}

  @Post('queries')
  @HttpCode(200)
  @Roles('researcher')
  @Operation('runResearchQuery', {
    summary:
      'Aggregates for research under disclosure control: k-anonymous cells, generalised values, optional differential privacy (ε from your budget)',
    responses: [{ status: 200, description: 'The answer', body: RESEARCH_ANSWER, example: RESEARCH_ANSWER_EXAMPLE }],
    problems: [403, 409, 422],
    idempotent: {
      wholeAnswer: 'generalised aggregates under disclosure control (docs/adr/0002-coordination-and-consent.md): no row about a person',
    },
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
