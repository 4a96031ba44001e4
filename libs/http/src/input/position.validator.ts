import { registerDecorator, type ValidationOptions } from 'class-validator';

/** PostgreSQL's bigint, the type of every position, cursor and row id the API hands out. */
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** A position or cursor the API handed out: decimal digits, within PostgreSQL's bigint (a larger one was a 500). */
export const isPosition = (value: unknown): boolean => typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;

export function IsPosition(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPosition',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a position or cursor returned by the API`, ...options },
      validator: { validate: isPosition },
    });
}
