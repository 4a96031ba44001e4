import { ORGANISATION_ID } from '@passerelle/domain';
import type { JsonSchema } from './operation.decorator';

/** Small builders for response schemas (JSON Schema 2020-12), so each use case's reads as its answer's shape. */

/** An object whose every property is required but those named in `optional`. */
export function object(properties: Record<string, JsonSchema>, optional: readonly string[] = [], extra: JsonSchema = {}): JsonSchema {
  return { type: 'object', required: Object.keys(properties).filter((name) => !optional.includes(name)), properties, ...extra };
}

export const arrayOf = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: 'array', items, ...extra });

export const oneOfValues = (values: readonly (string | number)[], extra: JsonSchema = {}): JsonSchema => ({
  type: typeof values[0] === 'number' ? 'integer' : 'string',
  enum: [...values],
  ...extra,
});

/** The value, or null: a type array when the schema has one type, else `anyOf`. */
export function orNull(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string') {
    return {
      ...schema,
      type: [schema.type, 'null'],
      ...(Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {}),
    };
  }
  return { anyOf: [schema, { type: 'null' }] };
}

export const text = (extra: JsonSchema = {}): JsonSchema => ({ type: 'string', ...extra });
export const integer = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', ...extra });
export const count = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', minimum: 0, ...extra });
export const number = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra });
export const boolean = (extra: JsonSchema = {}): JsonSchema => ({ type: 'boolean', ...extra });
export const constant = (value: string | boolean | number): JsonSchema => ({ const: value });

export const UUID: JsonSchema = { type: 'string', format: 'uuid' };
export const INSTANT: JsonSchema = { type: 'string', format: 'date-time' };
export const DAY: JsonSchema = { type: 'string', format: 'date' };
export const ORGANISATION_ID_SCHEMA: JsonSchema = { type: 'string', pattern: ORGANISATION_ID.source, example: 'refuge-75' };
/** A position in the event store, as a decimal string (a 64-bit integer does not fit a JSON number). */
export const POSITION: JsonSchema = {
  type: 'string',
  pattern: '^[0-9]{1,19}$',
  description: 'Position of the events written; a read given it as minPosition waits until it includes them',
  example: '1042',
};
