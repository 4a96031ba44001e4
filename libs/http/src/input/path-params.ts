import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ORGANISATION_ID } from '@passerelle/domain';
import { problem } from '../problem';
import { ProblemException } from '../problem.filter';

/**
 * An organisation id in a path (`/v1/organisations/{id}/…`), checked by its pattern before any
 * query: a NUL, a 10 kB string or a slash-encoded path never reaches the event store, and the
 * error names the parameter without repeating it.
 */
@Injectable()
export class OrganisationIdPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && ORGANISATION_ID.test(value)) return value;
    const field = metadata.data ?? 'id';
    throw new ProblemException(
      problem(400, 'REQUEST.VALIDATION', 'Invalid request', 'Some fields are missing or invalid.', {
        errors: [{ field, message: `${field} must be an organisation id: 2–63 lowercase letters, digits or dashes` }],
      }),
    );
  }
}
