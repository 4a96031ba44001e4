import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { correlationIdOf } from './log-options';

/** Probes and scrapes: answered many times a minute, never worth a line. */
const QUIET_PATHS = new Set(['/health', '/health/live', '/metrics']);

/**
 * One line per request once its answer is sent (or its connection dropped): `info` for an answer
 * below 400, `warn` for 4xx, `error` for 5xx, with the request's method, path, correlation and
 * request ids (the `req` serializer of log-options.ts), its status and its time in ms. Every request
 * gets its correlation id here, logged or not.
 *
 * It builds nothing for a line its level drops: at LOG_LEVEL=warn a 201 costs one listener. (It
 * replaced pino-http, which made a child logger per request and serialised the request into it
 * before knowing whether a line would be written: ~3 % of the API thread under load.)
 */
export function requestLog(logger: Logger) {
  return (request: IncomingMessage & { id?: string }, response: ServerResponse, next: () => void): void => {
    request.id = correlationIdOf(request, response);
    if (QUIET_PATHS.has((request.url ?? '').split('?')[0] ?? '')) {
      next();
      return;
    }
    const started = Date.now();
    response.once('close', () => {
      const { statusCode } = response;
      const level = statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      const line = { req: request, res: response, responseTime: Date.now() - started, correlationId: request.id };
      if (statusCode >= 500) logger.error({ ...line, err: new Error(`failed with status code ${statusCode}`) }, 'request errored');
      else logger[level](line, response.writableFinished ? 'request completed' : 'request aborted');
    });
    next();
  };
}
