import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { problem, type FieldError } from './problem';
import { ProblemException } from './problem.filter';

/** Flattens nested class-validator errors into `{field: 'person.birthDate', message}` pairs. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(error.property, field) }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * Whitelist + forbidNonWhitelisted: an unknown field is an error, not silently dropped, so a typo
 * in a consent category cannot quietly widen or narrow what is shared.
 */
export function createValidationPipe(): ValidationPipe {
  return new QueryAwareValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ProblemException(
        problem(400, 'REQUEST.VALIDATION', 'Invalid request', 'Some fields are missing or invalid.', { errors: fieldErrors(errors) }),
      ),
  });
}

/**
 * `?status=&cursor=` (an empty query parameter, as HTML forms and hand-written URLs write
 * them) means "not given", not "the empty value": it is dropped before validation.
 */
class QueryAwareValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'query' && value && typeof value === 'object' && !Array.isArray(value)) {
      value = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== ''));
    }
    return super.transform(value, metadata);
  }
}
