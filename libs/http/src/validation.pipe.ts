import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { memberName, unsafeInput } from './input/input-guard';
import { cacheValidationMetadata } from './input/validation-metadata-cache';
import { problem, type FieldError } from './problem';
import { ProblemException } from './problem.filter';

/**
 * Flattens nested class-validator errors into `{field: 'person.birthDate', message}` pairs. A
 * member name is repeated only when it is one a DTO could declare (an unknown member's name is
 * input too, see memberName).
 */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const name = memberName(error.property);
    const field = parent ? `${parent}.${name}` : name;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      message: name === error.property ? withField(message, name, field) : anonymous(constraint, field),
    }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/** class-validator names the property once, as a word ("givenName must be…", "property x should not exist"). */
const withField = (message: string, property: string, field: string) =>
  message.replace(new RegExp(`(?<![\\w.])${property}(?!\\w)`), () => field);

const anonymous = (constraint: string, field: string) =>
  constraint === 'whitelistValidation' ? `property ${field} should not exist` : `${field} is invalid`;

const invalid = (errors: FieldError[]) =>
  new ProblemException(problem(400, 'REQUEST.VALIDATION', 'Invalid request', 'Some fields are missing or invalid.', { errors }));

/**
 * Whitelist + forbidNonWhitelisted: an unknown field is an error, not silently dropped, so a typo
 * in a consent category cannot quietly widen or narrow what is shared.
 */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new GuardedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalid(fieldErrors(errors)),
  });
}

/**
 * Before the DTO's own rules, every body, query and path parameter is checked for what no field
 * may hold (input-guard.ts): control characters, and members such as `__proto__`.
 *
 * `?status=&cursor=` (an empty query parameter, as HTML forms and hand-written URLs write
 * them) means "not given", not "the empty value": it is dropped before validation.
 */
class GuardedValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const unsafe = unsafeInput(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (unsafe.length > 0) throw invalid(unsafe);
    if (metadata.type === 'query' && value && typeof value === 'object' && !Array.isArray(value)) {
      value = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== ''));
    }
    return super.transform(value, metadata);
  }
}
