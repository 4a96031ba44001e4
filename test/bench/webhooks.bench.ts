import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createPostgresEventStore, type NewEvent, type PostgresEventStore } from '@passerelle/event-store';
import { insertBaseline } from './baseline';
import type { BenchOptions } from './benchmarks';
import { JsonClient, Latencies, round } from './load';
import { startBenchServer } from './server';

const ORGANISATION = 'bench-refuge';

/**
 * `npm run bench -- webhooks [--seconds N] [--rate D]`: the webhook pipeline of `npm start` (outbox
 * projection, dispatcher, signing, HTTP) to receivers on 127.0.0.1, with 1 and then 20 endpoints.
 * Events are appended straight to the event store from this process (the API is measured by the
 * `commands` benchmark) as directory events every endpoint receives.
 * - steady: D deliveries/s offered (default 1,000) for N seconds: achieved rate and p50/p99 from
 *   the append call to the receiver's first receipt of that event at that endpoint;
 * - drain: a burst appended as fast as possible, timed until its last delivery (peak deliveries/s).
 * The raw PostgreSQL baseline (single-row insert transactions, 1 and 8 clients) runs on the same
 * server in the same run.
 */
export async function benchWebhooks(options: BenchOptions): Promise<object> {
  // The receivers run on this machine: the server must accept loopback endpoints.
  process.env.PASSERELLE_WEBHOOKS_ALLOW_LOOPBACK = 'true';
  const server = await startBenchServer();
  const receiver = await BenchReceiver.start();
  const store = await createPostgresEventStore({ connectionString: server.databaseUrl, poolSize: 8 });
  const client = new JsonClient('127.0.0.1', server.port);
  const offered = Number(options.option('--rate') ?? 1000);
  try {
    const key = await onboard(client, server.adminKey);
    const results = [];
    for (const endpoints of [1, 20]) {
      while (receiver.endpoints < endpoints) {
        const registered = await client.request('POST', '/v1/webhooks', key, {
          url: receiver.url(receiver.endpoints),
          events: ['organisation.capacity_declared.v1'],
        });
        if (registered.status !== 201) throw new Error(`register webhook: ${registered.status} ${JSON.stringify(registered.body)}`);
        receiver.endpoints += 1;
      }
      const steady = await steadyLoad(store, receiver, offered / endpoints, options.seconds);
      const drain = await burst(store, receiver, Math.max(100, Math.round(5_000 / endpoints)));
      results.push({ endpoints, steady, drain });
    }
    const baselineMs = Math.min(options.seconds, 5) * 1000;
    const baseline = {
      clients1RowsPerSecond: round(await insertBaseline(server.databaseUrl, 1, baselineMs), 0),
      clients8RowsPerSecond: round(await insertBaseline(server.databaseUrl, 8, baselineMs), 0),
    };
    return {
      benchmark: 'webhooks',
      offeredDeliveriesPerSecond: offered,
      secondsPerLevel: options.seconds,
      server: server.description,
      latency: 'append call → first receipt at the receiver, per (endpoint, event)',
      results,
      baseline,
      ratioToBaseline: results.map((r) => ({
        endpoints: r.endpoints,
        drainToInsert8: round(r.drain.deliveriesPerSecond / baseline.clients8RowsPerSecond, 3),
      })),
    };
  } finally {
    client.close();
    await store.close();
    await receiver.close();
    await server.stop();
  }
}

/** Appends `eventsPerSecond` in 10 ms ticks for `seconds`, then waits for every delivery. */
async function steadyLoad(store: PostgresEventStore, receiver: BenchReceiver, eventsPerSecond: number, seconds: number) {
  receiver.reset();
  const started = performance.now();
  const appends: Promise<unknown>[] = [];
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * eventsPerSecond) - sent;
    for (let i = 0; i < due; i++, sent++) appends.push(append(store, receiver));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(appends);
  return receiver.settle(sent, started);
}

/** Appends `events` with 32 concurrent appenders, as fast as the store takes them. */
async function burst(store: PostgresEventStore, receiver: BenchReceiver, events: number) {
  receiver.reset();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < events) {
        next += 1;
        await append(store, receiver);
      }
    }),
  );
  return receiver.settle(events, started);
}

let available = 0;
function append(store: PostgresEventStore, receiver: BenchReceiver): Promise<unknown> {
  const event: NewEvent = {
    eventId: randomUUID(),
    type: 'CapacityDeclared',
    data: { organisationId: ORGANISATION, service: 'shelter', total: 100, available: (available = (available + 1) % 100) },
    metadata: {
      schemaVersion: 1,
      occurredAt: new Date().toISOString(),
      actor: { organisationId: ORGANISATION, role: 'partner', keyId: null },
      correlationId: randomUUID(),
      causationId: null,
      scope: {},
    },
  };
  receiver.sentAt.set(event.eventId, performance.now());
  return store.appendToStream(`organisation-${ORGANISATION}`, [event], { expectedRevision: 'any' });
}

/** Answers 204 at once and records the first receipt of each (endpoint, webhook-id). */
class BenchReceiver {
  endpoints = 0;
  readonly sentAt = new Map<string, number>();
  private seen = new Set<string>();
  private latencies = new Latencies();
  private lastAt = 0;
  private duplicates = 0;

  private constructor(
    private readonly server: Server,
    private readonly port: number,
  ) {}

  static async start(): Promise<BenchReceiver> {
    const server = createServer({ keepAliveTimeout: 30_000 });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const self = new BenchReceiver(server, (server.address() as AddressInfo).port);
    // Attached once the receiver exists: no request can come earlier, since no webhook knows its port yet.
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      req.on('end', () => {
        self.record(req.url ?? '', String(req.headers['webhook-id']));
        res.writeHead(204).end();
      });
    });
    return self;
  }

  url(index: number): string {
    return `http://127.0.0.1:${this.port}/endpoint/${index}`;
  }

  reset(): void {
    this.seen = new Set();
    this.latencies = new Latencies();
    this.sentAt.clear();
    this.duplicates = 0;
  }

  /** Waits (up to 120 s) for events × endpoints deliveries and summarises them. */
  async settle(events: number, startedAt: number) {
    const expected = events * this.endpoints;
    const deadline = performance.now() + 120_000;
    while (this.seen.size < expected && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    const seconds = (this.lastAt - startedAt) / 1000;
    return {
      events,
      deliveries: this.seen.size,
      missing: expected - this.seen.size,
      duplicates: this.duplicates,
      deliveriesPerSecond: round(this.seen.size / seconds, 0),
      p50Ms: this.latencies.percentile(50),
      p99Ms: this.latencies.percentile(99),
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private record(path: string, id: string): void {
    const key = `${path} ${id}`;
    const sent = this.sentAt.get(id);
    if (sent === undefined) return; // from an earlier phase
    if (this.seen.has(key)) {
      this.duplicates += 1;
      return;
    }
    this.seen.add(key);
    this.lastAt = performance.now();
    this.latencies.record(this.lastAt - sent);
  }
}

async function onboard(client: JsonClient, adminKey: string): Promise<string> {
  await client.request('POST', '/v1/organisations', adminKey, {
    id: ORGANISATION,
    name: 'Bench refuge',
    kind: 'refuge',
    department: '75',
    services: ['shelter'],
  });
  return (
    (await client.request('POST', `/v1/organisations/${ORGANISATION}/api-keys`, adminKey, { role: 'partner' })).body as { key: string }
  ).key;
}
