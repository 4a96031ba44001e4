import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's own request id is kept when it is this sane: no spaces, quotes or controls, bounded. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Set before anything else runs, so that every answer carries them, errors included:
 * - `X-Request-Id`, the caller's if sane, else a new one: quoted to support, it finds the request's
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
