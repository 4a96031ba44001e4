import { RFC_3339_DATE_TIME } from '@passerelle/http';
import { fhirError } from './fhir-outcome';

export type RawQuery = Record<string, unknown>;

/** Parameters every search accepts besides its own; `_format` only as JSON, the one format served. */
const COMMON = ['_format'];

/**
 * The search parameters of a request, each as its list of values. An unknown parameter is refused
 * (400) rather than ignored: a client that believes it filtered must not get everything.
 */
export function searchParameters(query: RawQuery, allowed: readonly string[]): Map<string, string[]> {
  const params = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(query)) {
    const values = (Array.isArray(raw) ? raw : [raw]).map(String);
    if (!allowed.includes(name) && !COMMON.includes(name)) {
      throw fhirError(
        400,
        'FHIR.UNKNOWN_SEARCH_PARAMETER',
        'Unknown search parameter',
        `This server does not support the search parameter ${name}.`,
        name,
      );
    }
    if (name === '_format' && !values.every((v) => ['json', 'application/json', 'application/fhir+json'].includes(v))) {
      throw fhirError(400, 'FHIR.BAD_SEARCH_PARAMETER', 'Unsupported format', 'This server answers application/fhir+json only.', name);
    }
    params.set(name, values);
  }
  return params;
}

/** The one value of a parameter that may appear once; absent → undefined. */
export function single(params: Map<string, string[]>, name: string): string | undefined {
  const values = params.get(name);
  if (!values) return undefined;
  if (values.length !== 1 || values[0] === '' || values[0] === undefined) {
    throw fhirError(400, 'FHIR.BAD_SEARCH_PARAMETER', 'Bad search parameter', `${name} must be given once, with a value.`, name);
  }
  return values[0];
}

/** `Organization/asso-93`, an absolute URL ending so, or a bare id: the id, for a reference parameter. */
export function referenceId(params: Map<string, string[]>, name: string, type: string): string | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  const match = new RegExp(`^(?:.*/)?(?:${type}/)?([A-Za-z0-9\\-.]{1,64})$`).exec(value);
  if (!match?.[1] || (value.includes('/') && !value.includes(`${type}/`))) {
    throw fhirError(
      400,
      'FHIR.BAD_SEARCH_PARAMETER',
      'Bad search parameter',
      `${name} must reference a ${type}, e.g. ${type}/asso-93.`,
      name,
    );
  }
  return match[1];
}

/** A token parameter's codes (comma-separated means any of them), each checked against the allowed ones. */
export function tokens<T extends string>(
  params: Map<string, string[]>,
  name: string,
  allowed: readonly T[],
  system?: string,
): T[] | undefined {
  const value = single(params, name);
  if (value === undefined) return undefined;
  return value.split(',').map((token) => {
    const [maybeSystem, code] = token.includes('|') ? token.split('|', 2) : [undefined, token];
    if ((maybeSystem && maybeSystem !== system) || !allowed.includes(code as T)) {
      throw fhirError(400, 'FHIR.BAD_SEARCH_PARAMETER', 'Bad search parameter', `${name} must be one of ${allowed.join(', ')}.`, name);
    }
    return code as T;
  });
}

export const MAX_COUNT = 100;
const DEFAULT_COUNT = 20;

/** `_count`: 1 to 100 entries per page (a larger ask is served 100, as FHIR lets a server do), 20 by default. */
export function countParameter(params: Map<string, string[]>): number {
  const value = single(params, '_count');
  if (value === undefined) return DEFAULT_COUNT;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1) {
    throw fhirError(400, 'FHIR.BAD_SEARCH_PARAMETER', 'Bad search parameter', '_count must be a whole number from 1.', '_count');
  }
  return Math.min(Number(value), MAX_COUNT);
}

export interface TimeBounds {
  after?: { at: Date; inclusive: boolean };
  before?: { at: Date; inclusive: boolean };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * `_lastUpdated=gt2026-11-01T00:00:00Z` (and ge, lt, le, eq; no prefix means eq), once or twice
 * for a range. A value stands for the interval of its precision: a date is that whole UTC day,
 * an instant that second (or millisecond), so `gt2026-11-01` means from 2 November on.
 */
export function lastUpdatedParameter(params: Map<string, string[]>): TimeBounds {
  const values = params.get('_lastUpdated') ?? [];
  const bounds: TimeBounds = {};
  for (const value of values) {
    const match = /^(eq|gt|ge|lt|le)?(.+)$/.exec(value);
    const [start, end] = match?.[2] ? interval(match[2]) : [null, null];
    if (!match || !start) {
      throw fhirError(
        400,
        'FHIR.BAD_SEARCH_PARAMETER',
        'Bad search parameter',
        '_lastUpdated must be a prefix (gt, ge, lt, le, eq) and a date (2026-11-01) or an instant with its zone (2026-11-01T10:00:00Z).',
        '_lastUpdated',
      );
    }
    const prefix = match[1] ?? 'eq';
    if (prefix === 'gt') bounds.after = tighter(bounds.after, { at: end, inclusive: true }, 'after');
    if (prefix === 'ge' || prefix === 'eq') bounds.after = tighter(bounds.after, { at: start, inclusive: true }, 'after');
    if (prefix === 'lt') bounds.before = tighter(bounds.before, { at: start, inclusive: false }, 'before');
    if (prefix === 'le' || prefix === 'eq') bounds.before = tighter(bounds.before, { at: end, inclusive: false }, 'before');
  }
  return bounds;
}

/** [first instant, first instant after] of the value's precision; nulls when it is not a date or an instant. */
function interval(value: string): [Date, Date] | [null, null] {
  if (DATE.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    return Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== value
      ? [null, null]
      : [start, new Date(start.getTime() + 86_400_000)];
  }
  if (!RFC_3339_DATE_TIME.test(value)) return [null, null];
  const start = new Date(value);
  if (Number.isNaN(start.getTime())) return [null, null];
  const fraction = /\.(\d+)/.exec(value)?.[1];
  const step = fraction ? 1 : /T\d{2}:\d{2}:\d{2}/.test(value) ? 1000 : 60_000;
  return [start, new Date(start.getTime() + step)];
}

function tighter<B extends { at: Date; inclusive: boolean }>(current: B | undefined, next: B, side: 'after' | 'before'): B {
  if (!current) return next;
  const later = next.at.getTime() > current.at.getTime();
  return side === 'after' ? (later ? next : current) : later ? current : next;
}
