import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';
/**
 * A caller's own request id is kept only if it is a UUID: it goes into the log lines, so it must
 * not be able to carry words (`awa-diallo-call-3`), as for the correlation id
 * (libs/observability/src/log-options.ts). Anything else is replaced by a new UUID.
 */
const ACCEPTED_REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Set before anything else runs, so that every answer carries them, errors included:
 * - `X-Request-Id`, the caller's if it is a UUID, else a new one: quoted to support, it finds the request's
 *   log lines (libs/observability/src/log-options.ts logs it);
 * - `Cache-Control: no-store` on the API (`prefix`): answers hold her personal data, which no
 *   browser, proxy or shared-device cache may keep.
 */
export function responseHeaders(prefix: string) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const given = request.headers[REQUEST_ID_HEADER];
    const requestId = typeof given === 'string' && ACCEPTED_REQUEST_ID.test(given) ? given : randomUUID();
    request.headers[REQUEST_ID_HEADER] = requestId;
    response.setHeader('X-Request-Id', requestId);
    if (request.path.startsWith(prefix)) response.setHeader('Cache-Control', 'no-store');
    next();
  };
}
