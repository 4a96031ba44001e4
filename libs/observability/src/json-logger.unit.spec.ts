import { ConsoleLogger, Logger, type ArgumentsHost } from '@nestjs/common';
import { ProblemFilter } from '@passerelle/http';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { pino } from 'pino';
import { JsonLogger } from './json-logger';
import { logOptions } from './log-options';
import { requestLog } from './request-log.middleware';

/** The service's request logger and JsonLogger, composed as ObservabilityModule does, writing to a destination kept here. */
function logging(level = 'trace') {
  const written: string[] = [];
  const root = pino(logOptions('api', level), { write: (line: string) => void written.push(line) });
  const lines = () => written.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { requestLogger: requestLog(root), logger: new JsonLogger(root), written, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON line per call: level, service, context (the last parameter) and message', () => {
    const { logger, lines } = logging();
    logger.log('api is running', 'Service');
    logger.verbose('projection inbox at 120', 'ProjectionRunner');
    logger.debug('no context');
    logger.warn('slow batch', 'Relay');
    logger.fatal('cannot start', 'Service');
    expect(lines()).toEqual([
      { level: 30, time: expect.any(Number), service: 'api', context: 'Service', message: 'api is running' },
      { level: 10, time: expect.any(Number), service: 'api', context: 'ProjectionRunner', message: 'projection inbox at 120' },
      { level: 20, time: expect.any(Number), service: 'api', message: 'no context' },
      { level: 40, time: expect.any(Number), service: 'api', context: 'Relay', message: 'slow batch' },
      { level: 60, time: expect.any(Number), service: 'api', context: 'Service', message: 'cannot start' },
    ]);
  });

  it('writes an Error as err, merges an object into the line, and formats the parameters between message and context', () => {
    const { logger, lines } = logging();
    const failure = new TypeError('no such stream');
    logger.error(failure, 'Relay');
    logger.log({ projection: 'inbox', lag: 3 }, 'Projector');
    logger.log('%s events in %d ms', 'twelve', 40, 'Relay');
    const [error, object, formatted] = lines();
    expect(error).toEqual({
      level: 50,
      time: expect.any(Number),
      service: 'api',
      context: 'Relay',
      err: { type: 'TypeError', message: 'no such stream', stack: failure.stack },
      message: 'no such stream',
    });
    expect(object).toEqual({ level: 30, time: expect.any(Number), service: 'api', context: 'Projector', projection: 'inbox', lag: 3 });
    expect(formatted).toMatchObject({ context: 'Relay', message: 'twelve events in 40 ms' });
  });

  it("keeps the stack of Nest's error(message, stack, context) as err", () => {
    const { logger, lines } = logging();
    const stack = 'Error: boom\n    at handler (apps/api/src/main.ts:1:1)';
    logger.error('boom', stack, 'ExceptionsHandler');
    expect(lines()).toEqual([
      {
        level: 50,
        time: expect.any(Number),
        service: 'api',
        context: 'ExceptionsHandler',
        err: { type: 'Error', message: 'boom', stack },
        message: 'boom',
      },
    ]);
  });

  it('writes nothing below the level', () => {
    const { logger, written } = logging('info');
    logger.debug('hidden', 'Relay');
    logger.verbose('hidden', 'Relay');
    logger.log('shown', 'Relay');
    expect(written).toHaveLength(1);
  });
});

describe('a 500 answered by ProblemFilter', () => {
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));

  it("logs the error with the request's correlation id, as on the request line, and nothing of the request", () => {
    const { requestLogger, logger, lines, written } = logging('info');
    Logger.overrideLogger(logger);
    const request = new IncomingMessage(new Socket());
    request.method = 'POST';
    request.url = '/v1/cases?familyName=Diallo';
    request.headers = {
      authorization: 'Bearer psk_secret0123456789',
      'x-correlation-id': 'awa-diallo-call-3',
      'x-request-id': '6a1f3c2e-8b7d-4e5f-9a0b-1c2d3e4f5a6b',
    };
    Object.assign(request, { body: { person: { familyName: 'Diallo', givenName: 'Awa' } } });
    const response = new ServerResponse(request);
    const answer = Object.assign(response, {
      status: (code: number) => ((response.statusCode = code), answer),
      type: () => answer,
      json: () => (response.writeHead(response.statusCode), response.emit('close'), answer),
    });
    requestLogger(request, response, () => undefined);
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => answer }) } as unknown as ArgumentsHost;

    new ProblemFilter().catch(new TypeError("Cannot read properties of undefined (reading 'caseId')"), host);

    const correlationId = response.getHeader('x-correlation-id');
    expect(correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const [errorLine, requestLine] = lines();
    expect(errorLine).toEqual({
      level: 50,
      time: expect.any(Number),
      service: 'api',
      context: 'ProblemFilter',
      correlationId,
      message: expect.stringMatching(/^Unhandled TypeError: TypeError: Cannot read properties of undefined \(reading 'caseId'\) \| +at /),
    });
    expect(requestLine).toMatchObject({
      level: 50,
      correlationId,
      req: { method: 'POST', path: '/v1/cases', correlationId },
      res: { statusCode: 500 },
    });
    expect(written.join('')).not.toMatch(/Diallo|Awa|psk_|familyName|authorization/i);
  });
});
