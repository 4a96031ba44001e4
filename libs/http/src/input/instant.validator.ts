import { isISO8601, registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * RFC 3339's date-time, the `format: date-time` the OpenAPI document declares: a date, a time and
 * an offset (`Z` or `±hh:mm`). ISO 8601 also allows week dates (`2027-W01-1`), basic forms
 * (`20270601T120000Z`), decimal commas and hours alone, which `new Date()` cannot read (a 500 when a
 * handler wrote the instant); and a time without an offset would be read in the server's time zone.
 */
export const RFC_3339_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An instant the API can store: RFC 3339, a real day and time (no 30 February), readable by `Date`. */
export const isInstant = (value: unknown): boolean =>
  typeof value === 'string' &&
  RFC_3339_DATE_TIME.test(value) &&
  isISO8601(value, { strict: true, strictSeparator: true }) &&
  Number.isFinite(Date.parse(value));

export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an instant with its offset, such as 2026-12-01T12:00:00Z`, ...options },
      validator: { validate: isInstant },
    });
}
