import { expectOk, requiredField, type SeedTransport } from './seed-client';
import type { SeedOrganisation } from './seed-organisations';
import { planNetwork, type SeedOptions } from './seed-plan';
import { runSteps } from './seed-runner';
import type { SeedTruth } from './seed-steps';

export interface SeededNetwork {
  organisations: SeedOrganisation[];
  /** Partner keys by organisation id. */
  partnerKeys: Map<string, string>;
  coordinatorKey: string;
  researcherKey: string;
  truth: SeedTruth;
  /** Highest event position written: wait for the projections to reach it before reading them. */
  head: bigint;
}

/** Where the network's staff keys are issued: the préfecture of Paris coordinates the seeded network. */
const STAFF_EMPLOYER = 'authority-75';
const DAY = 86_400_000;

/**
 * Builds a realistic network through the real command path (the HTTP API): organisations of the
 * four kinds, their keys and declared places, then a year of identifications, consents and
 * referrals replayed with the clock override (PASSERELLE_ALLOW_CLOCK_OVERRIDE=true on the server).
 */
export async function seedNetwork(
  transport: SeedTransport,
  adminKey: string,
  options: SeedOptions,
  log: (line: string) => void = () => undefined,
): Promise<SeededNetwork> {
  const { organisations, plan } = planNetwork(options);
  const opening = new Date(options.start.getTime() - 7 * DAY);
  const admin = { key: adminKey, clock: opening };
  const partnerKeys = new Map<string, string>();
  for (const [index, organisation] of organisations.entries()) {
    const { capacity, ...registration } = organisation;
    const registered = await expectOk(
      transport,
      `register ${organisation.id}`,
      'POST',
      '/v1/organisations',
      { ...admin, body: registration },
      [409],
    );
    if (index === 0 && registered.status === 201 && registered.clock === null) {
      throw new Error('the server ignores X-Passerelle-Clock: start it with PASSERELLE_ALLOW_CLOCK_OVERRIDE=true (seeding and tests only)');
    }
    const issued = await expectOk(transport, `key for ${organisation.id}`, 'POST', `/v1/organisations/${organisation.id}/api-keys`, {
      ...admin,
      body: { role: 'partner' },
    });
    const partnerKey = requiredField(issued.body, 'key', `key for ${organisation.id}`);
    partnerKeys.set(organisation.id, partnerKey);
    for (const declared of capacity) {
      await expectOk(transport, `capacity of ${organisation.id}`, 'PUT', `/v1/organisations/${organisation.id}/capacity`, {
        key: partnerKey,
        body: declared,
        clock: opening,
      });
    }
  }
  const staffKey = async (role: 'coordinator' | 'researcher') =>
    requiredField(
      (await expectOk(transport, `${role} key`, 'POST', `/v1/organisations/${STAFF_EMPLOYER}/api-keys`, { ...admin, body: { role } })).body,
      'key',
      `${role} key`,
    );
  const [coordinatorKey, researcherKey] = [await staffKey('coordinator'), await staffKey('researcher')];
  log(`${organisations.length} organisations registered; replaying ${plan.steps.length} steps for ${plan.truth.women} women`);
  let reported = 0;
  const head = await runSteps(transport, partnerKeys, plan.steps, {
    concurrency: 8,
    onStep: (done, total) => {
      const percent = Math.floor((done / total) * 10) * 10;
      if (percent > reported) log(`  ${(reported = percent)}% (${done}/${total} steps)`);
    },
  });
  return { organisations, partnerKeys, coordinatorKey, researcherKey, truth: plan.truth, head };
}
