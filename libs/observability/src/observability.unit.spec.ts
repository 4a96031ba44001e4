import type { IncomingMessage, ServerResponse } from 'node:http';
import { resultOf } from './command-metrics';
import { correlationIdOf, logOptions } from './log-options';
import { PasserelleMetrics } from './passerelle-metrics';
import { routeLabel } from './route-label';

describe('metric labels', () => {
  it('label a request with its route template, never its ids', () => {
    expect(routeLabel({ route: { path: '/v1/referrals/:id/acceptance' }, baseUrl: '' })).toBe('/v1/referrals/:id/acceptance');
    expect(routeLabel({ route: undefined, baseUrl: '' })).toBe('unmatched');
    expect(routeLabel({ route: { path: '/{*path}' }, baseUrl: '' })).toBe('unmatched');
  });

  it('label a command with ok or its error code, and anything else as error', () => {
    expect(resultOf({ code: 'REFERRAL.CONSENT_MISSING' })).toBe('REFERRAL.CONSENT_MISSING');
    expect(resultOf({ code: 'STREAM.WRONG_EXPECTED_REVISION' })).toBe('STREAM.WRONG_EXPECTED_REVISION');
    expect(resultOf(new Error('Awa Diallo not found'))).toBe('error');
    expect(resultOf({ code: 'a free text code with spaces' })).toBe('error');
    expect(resultOf(null)).toBe('error');
  });
});

describe('the correlation id of a request', () => {
  const exchange = (header?: string) => {
    const request = { headers: header === undefined ? {} : { 'x-correlation-id': header } } as IncomingMessage;
    const sent: Record<string, unknown> = {};
    const response = { setHeader: (name: string, value: unknown) => (sent[name] = value) } as unknown as ServerResponse;
    return { id: correlationIdOf(request, response), request, sent };
  };

  it("keeps the caller's UUID, and answers with it", () => {
    const { id, sent } = exchange('3f1c0e0e-5b7a-4c1e-9d2a-0a1b2c3d4e5f');
    expect(id).toBe('3f1c0e0e-5b7a-4c1e-9d2a-0a1b2c3d4e5f');
    expect(sent['x-correlation-id']).toBe('3f1c0e0e-5b7a-4c1e-9d2a-0a1b2c3d4e5f');
  });

  it.each(['<script>', 'awa-diallo-call-3', 'partner-trace-42'])(
    'replaces %s, which is not a UUID (words would stay in every event it writes), and writes the new one onto the request',
    (given) => {
      const { id, request, sent } = exchange(given);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(request.headers['x-correlation-id']).toBe(id);
      expect(sent['x-correlation-id']).toBe(id);
    },
  );
});

describe('request log lines', () => {
  const pinoHttp = logOptions('api', 'info') as { serializers: Record<string, (value: unknown) => unknown> };

  it('hold method, path, correlation and request ids only: no other header, no query string or body', () => {
    const line = pinoHttp.serializers.req?.({
      method: 'GET',
      url: '/v1/cases/42?cursor=abc',
      id: 'trace-0123456789',
      headers: { authorization: 'Bearer psk_secret', 'x-request-id': 'req-0123456789' },
      body: { familyName: 'Diallo' },
    });
    expect(line).toEqual({ method: 'GET', path: '/v1/cases/42', correlationId: 'trace-0123456789', requestId: 'req-0123456789' });
    expect(pinoHttp.serializers.res?.({ statusCode: 201, body: { caseId: '42' }, headers: {} })).toEqual({ statusCode: 201 });
  });
});

describe('the Prometheus registry', () => {
  it('samples the projections of every service on each scrape, with lag, checkpoint, leadership and failure', async () => {
    const metrics = new PasserelleMetrics();
    metrics.observeProjections(async () => [
      { name: 'inbox', lag: 3n, checkpoint: 120n, leading: true, failed: false, consecutiveFailures: 0 },
      { name: 'directory', lag: undefined, checkpoint: -1n, leading: false, failed: false, consecutiveFailures: 0 },
    ]);
    metrics.observeProjections(async () => [
      { name: 'relay', lag: 7n, checkpoint: 40n, leading: true, failed: true, consecutiveFailures: 3 },
    ]);
    const scrape = await metrics.registry.metrics();
    expect(scrape).toContain('passerelle_projection_lag{projection="inbox"} 3');
    expect(scrape).not.toContain('passerelle_projection_lag{projection="directory"}');
    expect(scrape).toContain('passerelle_projection_checkpoint{projection="inbox"} 120');
    expect(scrape).toContain('passerelle_projection_leader{projection="directory"} 0');
    expect(scrape).toContain('passerelle_projection_failed{projection="relay"} 1');
    expect(scrape).toContain('passerelle_projection_failed{projection="inbox"} 0');
    expect(scrape).toContain('passerelle_projection_consecutive_failures{projection="relay"} 3');
  });

  it('exposes the webhook counters for the dispatcher to increment', async () => {
    const metrics = new PasserelleMetrics();
    metrics.webhookAttempts.inc({ outcome: 'delivered' });
    metrics.webhookFailures.inc({ reason: 'timeout' }, 2);
    const scrape = await metrics.registry.metrics();
    expect(scrape).toContain('passerelle_webhook_attempts_total{outcome="delivered"} 1');
    expect(scrape).toContain('passerelle_webhook_failures_total{reason="timeout"} 2');
  });

  it('lets two apps of one process keep their own registries', () => {
    expect(() => [new PasserelleMetrics(), new PasserelleMetrics()]).not.toThrow();
  });
});
