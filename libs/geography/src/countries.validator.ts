import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isCountryCode } from './countries';

/** An ISO 3166-1 alpha-2 country code, checked against countries.ts. */
export function IsCountry(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCountry',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 3166-1 alpha-2 country code such as CI or UA`, ...options },
      validator: { validate: (value: unknown) => isCountryCode(value) },
    });
}
