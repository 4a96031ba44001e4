import type { JsonSchema } from './operation.decorator';
import { PROBLEM_CODES } from './problem-codes';

/** `components.schemas.Problem`: the body of every error of the JSON API (libs/http/src/problem.ts), RFC 9457. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details. Branch on `code`, which is stable; `detail` is for people and never repeats what was sent.',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: {
      type: 'string',
      format: 'uri',
      description: 'A stable URI derived from the code',
      example: 'https://passerelle.network/problems/referral/not-receiver',
    },
    title: { type: 'string', example: 'Not receiver' },
    status: { type: 'integer', minimum: 400, maximum: 599, example: 403 },
    detail: { type: 'string', example: 'Only the receiving organisation can accept this referral.' },
    code: { type: 'string', enum: [...PROBLEM_CODES], example: 'REFERRAL.NOT_RECEIVER' },
    errors: {
      type: 'array',
      description: 'With REQUEST.VALIDATION (and IDEMPOTENCY.BAD_KEY, CLOCK.BAD_OVERRIDE): each field at fault, never its value',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'caseId' }, message: { type: 'string', example: 'caseId must be a UUID' } },
      },
    },
    details: {
      type: 'object',
      description: 'Facts of a business rule, e.g. missingCategories with REFERRAL.CONSENT_MISSING',
      additionalProperties: true,
    },
    retryAfter: { type: 'integer', minimum: 1, description: 'With a 429: seconds to wait, as the Retry-After header says' },
  },
};
