import type { DeclineReason, Indicator, Service } from '@passerelle/domain';
import type { SeededRandom } from './random';
import type { SeedOrganisation } from './seed-organisations';
import type { SeedStep } from './seed-steps';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How long shelters take to answer an urgent request for a place, and what they answer, by whether
 * they declared free places: places are scarce (a free bed may already be promised, or not suit her),
 * so even a shelter with places says yes to about a third of requests.
 */
const ANSWER = {
  /** A shelter with free places answers within the hour or two. */
  withPlaces: { meanMinutes: 90, accept: 0.35, decline: 0.4, silent: 0.25 },
  /** A full shelter answers later (a place may free up tonight), mostly no. */
  full: { meanMinutes: 150, accept: 0.06, decline: 0.7, silent: 0.24 },
};
const REFUGE_DECLINES: Record<DeclineReason, number> = {
  no_capacity: 0.7,
  not_eligible: 0.1,
  safety: 0.08,
  unreachable: 0.07,
  other: 0.05,
};
/** She is asked about a place tonight: the shelters have until then. */
const RESPOND_WITHIN = 4 * HOUR;
const MAX_ROUNDS = 3;

export interface PlaceRequestContext {
  random: SeededRandom;
  organisations: SeedOrganisation[];
  caseRef: string;
  holder: SeedOrganisation;
  indicators: Indicator[];
  identifiedAt: Date;
  horizon: Date;
  nextRef: (prefix: string) => () => string;
}

/** The shelter place she needs, if she is one of the women who need one tonight. */
export function shelterNeed(random: SeededRandom, indicators: readonly Indicator[]): Service | null {
  if (indicators.some((i) => i.startsWith('trafficking'))) return random.chance(0.45) ? 'specialised_shelter' : null;
  if (indicators.some((i) => i.startsWith('gbv') || i === 'forced_marriage')) return random.chance(0.25) ? 'shelter' : null;
  return null;
}

/**
 * Rounds of place requests for one woman: each asks 2–5 shelters at once (those of her
 * département first), each shelter answers after a realistic delay (sooner and more often yes when
 * it declared free places), and the first acceptance before respondBy places her; the others are
 * then withdrawn by the network, so their later answers never happen. With nobody accepting in
 * time, the request expires (or, now and then, the partner cancels it) and a new round goes to
 * shelters not asked yet.
 */
export function planPlaceRequests(context: PlaceRequestContext, service: Service): SeedStep[] {
  const { random, holder, horizon } = context;
  const steps: SeedStep[] = [];
  const asked = new Set<string>();
  let at = minute(context.identifiedAt.getTime() + 10 * MINUTE + random.exponential(3 * HOUR));
  for (let round = 1; round <= MAX_ROUNDS && at <= horizon; round++) {
    const shelters = pickShelters(random, context.organisations, holder, service, asked);
    if (shelters.length < 2) break;
    shelters.forEach((s) => asked.add(s.id));
    const placeRequestRef = context.nextRef('p')();
    const referralRefs = shelters.map(() => context.nextRef('r')());
    const respondBy = new Date(at.getTime() + RESPOND_WITHIN);
    steps.push({
      kind: 'placeRequest',
      at,
      by: holder.id,
      caseRef: context.caseRef,
      placeRequestRef,
      referralRefs,
      body: {
        to: shelters.map((s) => s.id),
        service,
        urgency: 'urgent',
        sharedCategories: ['identity', 'contact'],
        message: 'Place pour ce soir (seed)',
        respondBy: respondBy.toISOString(),
      },
    });
    const answers = shelters
      .map((shelter, i) => ({ shelter, referralRef: referralRefs[i] ?? '', ...answer(random, shelter, service, at) }))
      .filter((a) => a.fate !== 'silent' && a.at < respondBy)
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    const winner = answers.find((a) => a.fate === 'accept');
    for (const a of answers) {
      if (winner && a.at > winner.at) break;
      if (a.fate === 'decline')
        steps.push({ kind: 'decline', at: a.at, by: a.shelter.id, referralRef: a.referralRef, reason: pickDecline(random) });
      else steps.push({ kind: 'accept', at: a.at, by: a.shelter.id, referralRef: a.referralRef });
    }
    if (winner) {
      if (random.chance(0.7)) {
        const closedAt = minute(winner.at.getTime() + 3 * 86_400_000 + random.exponential(25 * 86_400_000));
        steps.push({ kind: 'close', at: closedAt, by: winner.shelter.id, referralRef: winner.referralRef, outcome: 'service_provided' });
      }
      break;
    }
    // Nobody in time: she found another solution now and then, and the partner cancels; usually the request expires.
    if (random.chance(0.12)) {
      steps.push({
        kind: 'cancelPlaceRequest',
        at: minute(at.getTime() + random.int(30, 240) * MINUTE),
        by: holder.id,
        caseRef: context.caseRef,
        placeRequestRef,
      });
      break;
    }
    if (!random.chance(0.75)) break;
    at = minute(respondBy.getTime() + 5 * MINUTE + random.exponential(HOUR));
  }
  return steps.filter((step) => step.at <= horizon);
}

function answer(random: SeededRandom, shelter: SeedOrganisation, service: Service, madeAt: Date) {
  const declared = shelter.capacity.find((c) => c.service === service);
  const profile = declared && declared.available > 0 ? ANSWER.withPlaces : ANSWER.full;
  const fate = random.weighted({ accept: profile.accept, decline: profile.decline, silent: profile.silent });
  return { fate, at: minute(madeAt.getTime() + 5 * MINUTE + random.exponential(profile.meanMinutes * MINUTE)) };
}

/** Shelters offering the service and not asked yet: those of her département first, then the others at random. */
function pickShelters(
  random: SeededRandom,
  organisations: SeedOrganisation[],
  holder: SeedOrganisation,
  service: Service,
  asked: Set<string>,
) {
  const offering = organisations.filter((o) => o.id !== holder.id && o.services.includes(service) && !asked.has(o.id));
  const local = offering.filter((o) => o.department === holder.department);
  const others = random.sample(
    offering.filter((o) => o.department !== holder.department),
    offering.length,
  );
  return [...local, ...others].slice(0, random.int(2, 5));
}

const pickDecline = (random: SeededRandom) => random.weighted(REFUGE_DECLINES);
const minute = (time: number) => new Date(Math.floor(time / MINUTE) * MINUTE);
