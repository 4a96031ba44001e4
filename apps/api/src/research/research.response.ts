import { RESEARCH_DIMENSIONS, RESEARCH_UNITS } from '@passerelle/projections';
import { arrayOf, constant, count, integer, named, number, object, oneOfValues, orNull, text } from '@passerelle/http';

// The dimensions of the vocabulary, and the month of the period (as run-research-query.request.dto.ts takes them).
const DIMENSION = oneOfValues([...Object.keys(RESEARCH_DIMENSIONS), 'month']);

export const RESEARCH_ANSWER = named(
  'ResearchAnswer',
  object({
    k: integer({ minimum: 1, description: 'Cells under k are suppressed' }),
    unit: oneOfValues(RESEARCH_UNITS),
    period: object({ from: text(), to: text() }),
    groupBy: arrayOf(DIMENSION),
    rows: arrayOf({
      type: 'object',
      description: 'One value per dimension of groupBy (generalised), its count, suppressed when under k',
      required: ['count'],
      properties: {
        count: orNull(count()),
        suppressed: constant(true),
        medianDelayDays: orNull(number()),
      },
      additionalProperties: orNull(text()),
    }),
    recoded: { type: 'object', description: 'Values shown only inside "other", by dimension', additionalProperties: arrayOf(text()) },
    noise: orNull(
      object({
        mechanism: constant('discrete_laplace'),
        epsilon: number({ exclusiveMinimum: 0 }),
        sensitivity: number(),
        budget: object({ total: number(), spent: number(), remaining: number() }),
      }),
    ),
  }),
);
export const RESEARCH_ANSWER_EXAMPLE = {
  k: 10,
  unit: 'referrals',
  period: { from: '2026-01', to: '2026-12' },
  groupBy: ['region', 'service'],
  rows: [
    { region: 'Île-de-France', service: 'shelter', count: 24 },
    { region: 'Hauts-de-France', service: 'shelter', count: null, suppressed: true },
  ],
  recoded: {},
  noise: null,
};
