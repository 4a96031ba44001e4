import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { logOptions } from './log-options';
import { requestLog } from './request-log.middleware';

/** A real HTTP server whose only middleware is the request log, answering the status asked in the path. */
async function serve(level: string) {
  const written: string[] = [];
  const log = requestLog(pino(logOptions('api', level), { write: (line: string) => void written.push(line) }));
  const server: Server = createServer((request, response) =>
    log(request, response, () => {
      response.statusCode = Number(/\/(\d{3})/.exec(request.url ?? '')?.[1] ?? 200);
      response.end('{}');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    get: (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers }),
    /** The lines written so far, once every answer's close has been handled. */
    lines: async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return written.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

describe('the request log', () => {
  it('writes one line per answer: method, path without its query, ids, status and time, and nothing of the headers', async () => {
    const app = await serve('info');
    const answer = await app.get('/v1/cases/201?familyName=Diallo', { authorization: 'Bearer psk_secret0123456789' });
    const correlationId = answer.headers.get('x-correlation-id');
    expect(correlationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const lines = await app.lines();
    expect(lines).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        service: 'api',
        req: { method: 'GET', path: '/v1/cases/201', correlationId },
        res: { statusCode: 201 },
        responseTime: expect.any(Number),
        correlationId,
        message: 'request completed',
      },
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/Diallo|psk_|authorization/);
    await app.close();
  });

  it('writes a 4xx at warn and a 5xx at error, with an err, and at LOG_LEVEL=warn drops the 2xx lines only', async () => {
    const app = await serve('warn');
    await app.get('/v1/cases/201');
    await app.get('/v1/cases/404');
    await app.get('/v1/cases/503');
    const lines = await app.lines();
    expect(lines.map((line) => [line.level, (line.res as { statusCode: number }).statusCode, line.message])).toEqual([
      [40, 404, 'request completed'],
      [50, 503, 'request errored'],
    ]);
    expect(lines[1]?.err).toMatchObject({ message: 'failed with status code 503' });
    await app.close();
  });

  it('leaves out the probes and the metrics scrape, which still get their correlation id', async () => {
    const app = await serve('info');
    const answers = await Promise.all(['/health', '/health/live', '/metrics?x=1'].map((path) => app.get(path)));
    expect(answers.map((answer) => answer.headers.get('x-correlation-id'))).toEqual([
      expect.any(String),
      expect.any(String),
      expect.any(String),
    ]);
    expect(await app.lines()).toEqual([]);
    await app.close();
  });
});
