import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * The network is French: a number written without its country code (06 12 34 56 78) is read as a
 * French one. Anything libphonenumber-js cannot read as a valid number is left as it came, for
 * IsE164Phone to refuse.
 */
export const PHONE_DEFAULT_COUNTRY = 'FR';

export function toE164(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > 40) return value;
  const parsed = parsePhoneNumberFromString(value, PHONE_DEFAULT_COUNTRY);
  return parsed?.isValid() ? parsed.number : value;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/** A phone number in E.164 (`+33612345678`), as toE164 writes every valid number it is given. */
export function IsE164Phone(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isE164Phone',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a valid phone number, with its country code (+225…) unless it is French (06 12 34 56 78)`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && E164.test(value) },
    });
}
