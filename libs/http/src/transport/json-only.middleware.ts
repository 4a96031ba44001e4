import type { NextFunction, Request, Response } from 'express';
import { problem } from '../problem';
import { ProblemException } from '../problem.filter';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** A request carries a body when it says so (RFC 9110 §6.4.1): a length above zero, or chunked. */
const hasBody = (request: Request): boolean =>
  request.headers['transfer-encoding'] !== undefined || (request.headers['content-length'] ?? '0') !== '0';

/**
 * The API's routes read JSON only: a body of any other type (text/plain, a form) is refused with
 * 415 instead of being read as `{}`, which would run the command without what the caller sent.
 * A request without a body (a GET, an erasure) needs no Content-Type.
 */
export function jsonOnly(prefix: string) {
  return (request: Request, _response: Response, next: NextFunction): void => {
    if (!request.path.startsWith(prefix) || !hasBody(request) || JSON_TYPE.test(request.headers['content-type'] ?? '')) {
      next();
      return;
    }
    next(
      new ProblemException(
        problem(
          415,
          'REQUEST.UNSUPPORTED_MEDIA_TYPE',
          'Unsupported media type',
          'Send the body as JSON with Content-Type: application/json.',
        ),
      ),
    );
  };
}
