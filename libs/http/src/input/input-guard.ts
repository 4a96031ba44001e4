import type { FieldError } from '../problem';

/**
 * C0 controls except tab, line feed and carriage return; DEL; C1 controls; and UTF-16 surrogates
 * that are not part of a pair. None has a place in what a caseworker types, NUL and lone surrogates
 * cannot even be stored in PostgreSQL (jsonb, text), and the others hide text from whoever reads
 * it later (terminal escapes in a log viewer, invisible characters in a name). Format characters
 * (Unicode Cf: bidi marks, ZWJ, ZWNJ) are not controls and stay allowed: Arabic, Dari and Pashto
 * names need them.
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is what this expression is for
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Also refused in one-line fields (names, codes, ids): see SingleLine in single-line.validator.ts. */
export const LINE_BREAK_OR_TAB = /[\t\n\r\u2028\u2029]/;

export const hasControlCharacter = (text: string): boolean => CONTROL.test(text);

/**
 * Member names that reach Object.prototype or a constructor when a body is merged or assigned
 * somewhere (prototype pollution). class-transformer's ValidationPipe silently strips two of
 * them; they are refused here like any other unknown member, so a request never means something
 * other than what it says.
 */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A member name safe to repeat in an error: an identifier or an array index, as a DTO declares them. */
const NAMEABLE = /^(?:[A-Za-z_][A-Za-z0-9_]{0,63}|\d{1,6})$/;

/**
 * How an error names a member: its own name when it looks like one a DTO could declare, else a
 * placeholder, since a member name is also something the caller typed and an error never repeats
 * input (a name sent as a key must not come back in the answer).
 */
export const memberName = (name: string): string => (NAMEABLE.test(name) ? name : '(unnamed member)');

const join = (parent: string, name: string) => (parent ? `${parent}.${memberName(name)}` : memberName(name));

/**
 * Every string (member names included) with a control character, and every forbidden member, in
 * a parsed body, query or path parameter, as field errors that never quote the value. The depth
 * of a JSON body is already bounded (json-body.ts), so the walk's recursion is too.
 */
export function unsafeInput(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    return hasControlCharacter(value)
      ? [{ field: path || 'value', message: `${path || 'value'} must not contain control characters` }]
      : [];
  }
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeInput(item, join(path, String(index))));
  return Object.keys(value).flatMap((key) => {
    const field = join(path, key);
    if (FORBIDDEN_MEMBERS.has(key)) return [{ field, message: `property ${field} should not exist` }];
    if (hasControlCharacter(key)) return [{ field, message: 'a member name must not contain control characters' }];
    return unsafeInput((value as Record<string, unknown>)[key], field);
  });
}
