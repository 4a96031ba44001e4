import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoggerOptions } from 'pino';

/** The header a caller may set to tie our logs to its own; the idempotency guard reads the same one. */
export const CORRELATION_HEADER = 'x-correlation-id';
/**
 * A caller's correlation id is kept only if it is a UUID: it goes into the log lines and into the
 * metadata of every event the request writes, which erasure cannot touch, so it must not be able
 * to carry words (`awa-diallo-call-3`). Anything else is replaced by a new UUID, which the answer
 * returns. The idempotency guard (libs/http) accepts the same shape.
 */
export const CORRELATION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The correlation id of a request: the caller's, if well-formed, else a new one written back onto
 * the request, so that the request context (IdempotencyGuard → event metadata) and the log
 * lines carry the same id. Also returned to the caller.
 */
export function correlationIdOf(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers[CORRELATION_HEADER];
  const id = typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID();
  request.headers[CORRELATION_HEADER] = id;
  response.setHeader(CORRELATION_HEADER, id);
  return id;
}

/**
 * Structured JSON logs (pino): the request lines (request-log.middleware.ts) and JsonLogger, over
 * one root logger. A request line holds method, path, status and timing: never a body, a query
 * string (cursors, filters), a header or a client address, so no personal data and no key can reach
 * a log. The redaction paths are a second belt should a serializer change.
 */
export function logOptions(service: string, level: string): LoggerOptions {
  return {
    level,
    base: { service },
    messageKey: 'message',
    serializers: {
      // requestId: the X-Request-Id the caller got back (libs/http/src/transport/response-headers.middleware.ts), for support.
      // The path as the caller sent it: a router mounted under a prefix shortens `url` while it runs.
      req: (request: { method?: string; url?: string; originalUrl?: string; id?: unknown; headers?: Record<string, unknown> }) => ({
        method: request.method,
        path: (request.originalUrl ?? request.url ?? '').split('?')[0],
        correlationId: request.id,
        requestId: request.headers?.['x-request-id'],
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["idempotency-key"]',
        'req.body',
        'res.body',
        'req.query',
        'err.details',
      ],
      censor: '[redacted]',
    },
  };
}
