import type { ClosureOutcome, DeclineReason, Indicator, Service, Urgency } from '@passerelle/domain';
import type { SeededRandom } from './random';
import type { SeedOrganisation } from './seed-organisations';
import type { SeedStep } from './seed-steps';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const RESPOND_WITHIN: Record<Urgency, number> = { urgent: DAY, soon: 3 * DAY, routine: 7 * DAY };
const ANSWER_MEAN_HOURS: Record<Urgency, number> = { urgent: 10, soon: 30, routine: 60 };

/** What she needs, by what she was identified with. */
function serviceWeights(indicators: readonly Indicator[]): Partial<Record<Service, number>> {
  if (indicators.some((i) => i.startsWith('trafficking'))) {
    return { specialised_shelter: 4, legal: 2, psychological: 2, medical: 1, asylum_procedure: 2, shelter: 1 };
  }
  if (indicators.some((i) => i.startsWith('gbv') || i === 'fgm' || i === 'forced_marriage')) {
    return { shelter: 3, psychological: 2, legal: 2, medical: 2, sexual_reproductive_health: 1 };
  }
  return { medical: 2, material_aid: 2, language: 1, employment: 1, legal: 1, psychological: 1 };
}

export interface ReferralContext {
  random: SeededRandom;
  organisations: SeedOrganisation[];
  caseRef: string;
  holder: SeedOrganisation;
  indicators: Indicator[];
  identifiedAt: Date;
  count: number;
  /** Steps after this instant have not happened yet when the seed stops. */
  horizon: Date;
  nextRef: () => string;
}

/**
 * Her referrals and what became of each: most are accepted within a day or two, a quarter are
 * declined (refuges mostly for lack of places), a few withdrawn or never answered; most accepted
 * referrals are closed weeks later, usually with the service provided.
 */
export function planReferrals(context: ReferralContext): SeedStep[] {
  const { random, holder, horizon } = context;
  const steps: SeedStep[] = [];
  let at = new Date(context.identifiedAt.getTime() + HOUR + random.exponential(3 * DAY));
  const used = new Set<Service>();
  for (let n = 0; n < context.count; n++) {
    if (at > horizon) break;
    const service = pickService(random, context.indicators, used);
    const to = pickReceiver(random, context.organisations, holder, service);
    if (!to) continue;
    used.add(service);
    const referralRef = context.nextRef();
    const urgency = random.weighted<Urgency>({ urgent: 0.25, soon: 0.4, routine: 0.35 });
    steps.push({
      kind: 'refer',
      at,
      by: holder.id,
      caseRef: context.caseRef,
      referralRef,
      body: {
        to: to.id,
        service,
        urgency,
        sharedCategories: random.chance(0.5) ? ['identity', 'contact', 'vulnerability'] : ['identity', 'contact'],
        message: 'Orientation (seed)',
        respondBy: new Date(at.getTime() + RESPOND_WITHIN[urgency]).toISOString(),
      },
    });
    steps.push(...planAnswer(random, referralRef, holder.id, to, at, urgency).filter((step) => step.at <= horizon));
    at = new Date(at.getTime() + HOUR + random.exponential(7 * DAY));
  }
  return steps;
}

function planAnswer(
  random: SeededRandom,
  referralRef: string,
  from: string,
  to: SeedOrganisation,
  madeAt: Date,
  urgency: Urgency,
): SeedStep[] {
  const answeredAt = new Date(madeAt.getTime() + HOUR / 2 + random.exponential(ANSWER_MEAN_HOURS[urgency] * HOUR));
  const fate = random.weighted({ accept: 0.6, decline: 0.25, withdraw: 0.05, pending: 0.1 });
  if (fate === 'pending') return [];
  if (fate === 'withdraw') return [{ kind: 'withdrawReferral', at: answeredAt, by: from, referralRef }];
  if (fate === 'decline') {
    const reason =
      to.kind === 'refuge'
        ? random.weighted<DeclineReason>({ no_capacity: 0.65, not_eligible: 0.1, safety: 0.1, unreachable: 0.1, other: 0.05 })
        : random.weighted<DeclineReason>({ no_capacity: 0.3, not_eligible: 0.3, safety: 0.05, unreachable: 0.25, other: 0.1 });
    return [{ kind: 'decline', at: answeredAt, by: to.id, referralRef, reason }];
  }
  const accepted: SeedStep = { kind: 'accept', at: answeredAt, by: to.id, referralRef };
  if (!random.chance(0.78)) return [accepted];
  const outcome = random.weighted<ClosureOutcome>({
    service_provided: 0.65,
    person_declined: 0.1,
    lost_contact: 0.12,
    redirected: 0.08,
    other: 0.05,
  });
  const closedAt = new Date(answeredAt.getTime() + DAY + random.exponential(20 * DAY));
  return [accepted, { kind: 'close', at: closedAt, by: random.chance(0.85) ? to.id : from, referralRef, outcome }];
}

function pickService(random: SeededRandom, indicators: readonly Indicator[], used: ReadonlySet<Service>): Service {
  const weights = serviceWeights(indicators);
  const fresh = Object.fromEntries(Object.entries(weights).filter(([service]) => !used.has(service as Service)));
  return random.weighted((Object.keys(fresh).length > 0 ? fresh : weights) as Record<Service, number>);
}

/** Mostly someone in her département; otherwise anyone in the network offering the service. */
function pickReceiver(random: SeededRandom, organisations: SeedOrganisation[], holder: SeedOrganisation, service: Service) {
  const offering = organisations.filter((o) => o.id !== holder.id && o.services.includes(service));
  const local = offering.filter((o) => o.department === holder.department);
  const pool = local.length > 0 && random.chance(0.75) ? local : offering;
  return pool.length > 0 ? random.pick(pool) : null;
}
