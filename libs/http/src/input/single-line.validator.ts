import { registerDecorator, type ValidationOptions } from 'class-validator';
import { LINE_BREAK_OR_TAB } from './input-guard';

/**
 * A one-line field (a name, a status, a filter value): no line break or tab either, on top of the
 * control characters every string is already checked for (input-guard.ts). Free text (notes, a
 * referral's message) may keep its line breaks.
 */
export function SingleLine(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'singleLine',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be one line, without line breaks or tabs`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !LINE_BREAK_OR_TAB.test(value) },
    });
}

/**
 * A name that must say something: at least one character other than white space. `Length(1, …)`
 * alone let "   " through, shown as a blank organisation in the directory and as her blank name.
 */
export function NotBlank(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notBlank',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must not be blank`, ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || /\S/u.test(value) },
    });
}
