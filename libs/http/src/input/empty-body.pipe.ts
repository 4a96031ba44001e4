import { Injectable, type PipeTransform } from '@nestjs/common';
import { memberName } from './input-guard';
import { problem } from '../problem';
import { ProblemException } from '../problem.filter';

/**
 * For a command that takes no body (an erasure): nothing, or `{}`. Anything else is refused like
 * an unknown member elsewhere, so a caller who thinks the command takes options learns it does not.
 */
@Injectable()
export class EmptyBodyPipe implements PipeTransform<unknown, undefined> {
  transform(value: unknown): undefined {
    if (value === undefined || (isPlainObject(value) && Object.keys(value).length === 0)) return undefined;
    const errors = isPlainObject(value)
      ? Object.keys(value).map((key) => ({ field: memberName(key), message: `property ${memberName(key)} should not exist` }))
      : [{ field: 'body', message: 'this request takes no body' }];
    throw new ProblemException(problem(400, 'REQUEST.VALIDATION', 'Invalid request', 'This request takes no body.', { errors }));
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
