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
    throw invalidPathParameter(metadata, 'must be an organisation id: 2–63 lowercase letters, digits or dashes');
  }
}

/** Any version, in either case, as RFC 9562 reads a UUID. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID in a path (`/v1/cases/{caseId}`, `/v1/referrals/{id}`, …), given back in lower case, the
 * case of every id the API hands out and of every stream name: `…/cases/74AB34FD-…` finds her case
 * instead of a 404. Anything else is a 400 naming the parameter, as for a field of a body (Nest's
 * ParseUUIDPipe answered a bare 400 that named nothing).
 */
@Injectable()
export class UuidPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
    throw invalidPathParameter(metadata, 'must be a UUID');
  }
}

function invalidPathParameter(metadata: ArgumentMetadata, rule: string): ProblemException {
  const field = metadata.data ?? 'id';
  return new ProblemException(
    problem(400, 'REQUEST.VALIDATION', 'Invalid request', 'Some fields are missing or invalid.', {
      errors: [{ field, message: `${field} ${rule}` }],
    }),
  );
}

/** A UUID in a body (`caseId`), in lower case as {@link UuidPipe} gives one: use with class-transformer's `@Transform`. */
export const lowerCaseUuid = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value;
