import { ageBandOn } from '@passerelle/domain';
import { Client } from 'pg';
import { insertBaseline } from './baseline';
import { cpuPerCommand, sampleCpu } from './cpu-split';
import { JsonClient, Latencies, round, runFor } from './load';
import type { BenchServer } from './server';

const PERSON = { givenName: 'Bench', familyName: 'Person', birthDate: '1990-01-01', phone: '+33600000001', languages: ['fr'] };

/**
 * `npm run bench -- commands`: a realistic mix through the HTTP API — identify, refer, accept,
 * close (four commands per woman) — at 1, 8 and 32 concurrent clients, each level followed by the
 * raw insert baseline at the same concurrency on the same server.
 */
export async function benchCommands(server: BenchServer, options: { seconds: number; levels: number[] }) {
  const client = new JsonClient('127.0.0.1', server.port);
  const { ngoKey, refugeKey } = await onboard(client, server.adminKey);
  const results = [];
  for (const clients of options.levels) {
    const latencies = new Latencies();
    const byCommand = { identify: new Latencies(), refer: new Latencies(), accept: new Latencies(), close: new Latencies() };
    let errors = 0;
    const timed = async (command: keyof typeof byCommand, fn: () => Promise<{ status: number; body: unknown }>) => {
      const started = process.hrtime.bigint();
      const response = await fn();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      latencies.record(ms);
      byCommand[command].record(ms);
      if (response.status >= 300) errors++;
      return response.body;
    };
    const cpuBefore = await sampleCpu(server.databaseUrl, server.pid);
    const started = Date.now();
    const commands = await runFor(clients, options.seconds * 1000, async () => {
      const identified = (await timed('identify', () => client.request('POST', '/v1/cases', ngoKey, identifyBody()))) as { caseId: string };
      const referred = (await timed('refer', () =>
        client.request('POST', '/v1/referrals', ngoKey, {
          caseId: identified.caseId,
          to: 'bench-refuge',
          service: 'shelter',
          urgency: 'urgent',
          sharedCategories: ['identity', 'contact'],
          message: 'Bench',
        }),
      )) as { referralId: string };
      await timed('accept', () => client.request('POST', `/v1/referrals/${referred.referralId}/acceptance`, refugeKey, {}));
      await timed('close', () =>
        client.request('POST', `/v1/referrals/${referred.referralId}/closure`, refugeKey, { outcome: 'service_provided' }),
      );
      return 4;
    });
    const elapsed = (Date.now() - started) / 1000;
    // Throughput only counts if the subscribers kept up: every checkpoint must reach the head.
    const catchUp = await waitForSubscribers(server.databaseUrl);
    // CPU until the subscribers caught up, per command: API, background thread, PostgreSQL, this driver.
    const cpuMsPerCommand = cpuPerCommand(cpuBefore, await sampleCpu(server.databaseUrl, server.pid), commands);
    const baseline = await insertBaseline(server.databaseUrl, clients, options.seconds * 1000);
    const perSecond = commands / elapsed;
    results.push({
      clients,
      commands,
      errors,
      commandsPerSecond: round(perSecond, 0),
      p50Ms: latencies.percentile(50),
      p99Ms: latencies.percentile(99),
      // Which command makes the tail.
      p99MsByCommand: Object.fromEntries(Object.entries(byCommand).map(([command, l]) => [command, l.percentile(99)])),
      baselineRowsPerSecond: round(baseline, 0),
      ratioToBaseline: round(perSecond / baseline, 3),
      projectionsCaughtUp: catchUp.caughtUp,
      catchUpMs: catchUp.ms,
      cpuMsPerCommand,
    });
  }
  client.close();
  return {
    benchmark: 'commands',
    mix: ['identify', 'refer', 'accept', 'close'],
    secondsPerLevel: options.seconds,
    server: server.description,
    results,
  };
}

function identifyBody() {
  return {
    person: PERSON,
    level: 'presumed',
    indicators: ['trafficking_sexual'],
    department: '93',
    // The API refuses a band her birth date contradicts (CASE.AGE_BAND_MISMATCH).
    ageBand: ageBandOn(PERSON.birthDate, new Date()),
    safety: { doNotContact: false, safeChannel: 'phone' },
    consent: {
      recipients: ['bench-refuge'],
      categories: ['identity', 'contact'],
      purposes: ['referral'],
      expiresAt: null,
      method: 'verbal',
    },
  };
}

async function onboard(client: JsonClient, adminKey: string) {
  const orgs = [
    { id: 'bench-ngo', name: 'Bench NGO', kind: 'ngo', department: '93', services: ['legal'] },
    { id: 'bench-refuge', name: 'Bench refuge', kind: 'refuge', department: '75', services: ['shelter'] },
  ];
  for (const org of orgs) await client.request('POST', '/v1/organisations', adminKey, org);
  const key = async (id: string) =>
    ((await client.request('POST', `/v1/organisations/${id}/api-keys`, adminKey, { role: 'partner' })).body as { key: string }).key;
  return { ngoKey: await key('bench-ngo'), refugeKey: await key('bench-refuge') };
}

/**
 * Waits until every checkpointed subscriber (read models, relay, webhook outbox) has reached the
 * event store's head, at most a minute; says how long that took after the load stopped.
 */
async function waitForSubscribers(databaseUrl: string): Promise<{ caughtUp: boolean; ms: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const started = Date.now();
  try {
    while (Date.now() - started < 60_000) {
      const { rows } = await client.query<{ behind: number }>(
        `SELECT count(*)::int AS behind FROM projection_checkpoints WHERE position < (SELECT position FROM es_head WHERE id = 1)`,
      );
      if (rows[0]?.behind === 0) return { caughtUp: true, ms: Date.now() - started };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { caughtUp: false, ms: Date.now() - started };
  } finally {
    await client.end();
  }
}
