import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  displayValue,
  DiscreteLaplace,
  EpsilonLedger,
  parseResearchRequest,
  ResearchAnswers,
  sensitivityOf,
  type ResearchAnswer,
  type ResearchQuery,
  type ResearchSettings,
} from '@passerelle/projections';
import { RunResearchQuery } from './run-research-query.query';

export const RESEARCH_SETTINGS = Symbol('RESEARCH_SETTINGS');

/**
 * Parse, pay, answer: a noisy answer spends ε from the researcher's budget before it is computed
 * (an answer computed is an answer that may be seen); an exact one is cut from disclosure-controlled
 * tables. The answer holds generalised values and counts, never a row about a person.
 */
@QueryHandler(RunResearchQuery)
export class RunResearchQueryHandler implements IQueryHandler<RunResearchQuery> {
  constructor(
    private readonly answers: ResearchAnswers,
    private readonly ledger: EpsilonLedger,
    private readonly noise: DiscreteLaplace,
    @Inject(RESEARCH_SETTINGS) private readonly settings: ResearchSettings,
  ) {}

  async execute({ request, actor, now }: RunResearchQuery) {
    const { filters } = request;
    const query = parseResearchRequest(request);
    let noise = null;
    let answer: ResearchAnswer;
    if (query.epsilon !== null) {
      const budget = await this.ledger.spend({
        keyId: actor.keyId ?? actor.personId ?? actor.organisationId,
        organisationId: actor.organisationId,
        epsilon: query.epsilon,
        query: { unit: query.unit, year: query.year, groupBy: query.groupBy, filters: query.filters },
      });
      answer = await this.answers.noisy(query, now, this.noise);
      noise = {
        mechanism: 'discrete_laplace',
        epsilon: query.epsilon,
        sensitivity: sensitivityOf(query),
        budget: { total: this.settings.epsilonBudget, ...budget },
      };
    } else {
      answer = await this.answers.exact(query, now);
    }
    return {
      k: this.settings.k,
      unit: query.unit,
      period: { from: filters.from, to: filters.to },
      groupBy: query.groupBy,
      rows: answer.rows.map((row) => ({
        ...Object.fromEntries(Object.entries(row.values).map(([dim, value]) => [dim, displayValue(dim, value, query.year)])),
        count: row.count,
        ...(row.suppressed ? { suppressed: true } : {}),
        ...('medianDelayDays' in row ? { medianDelayDays: row.medianDelayDays } : {}),
      })),
      recoded: recoded(answer, query),
      noise,
    };
  }
}

/** Values shown only inside "other", by dimension, as they are displayed. */
function recoded(answer: ResearchAnswer, query: ResearchQuery) {
  return Object.fromEntries(
    Object.entries(answer.recoded)
      .filter(([dim, values]) => values.length > 0 && query.tableDims.includes(dim as never))
      .map(([dim, values]) => [dim, values.map((value) => displayValue(dim, value, query.year))]),
  );
}
