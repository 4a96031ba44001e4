import type { Indicator } from '@passerelle/domain';
import { SeededRandom } from './random';
import { planOrganisations, type SeedOrganisation } from './seed-organisations';
import { ageBandAt, planPerson, rewritten, type SeedPerson } from './seed-persons';
import { planPlaceRequests, shelterNeed } from './seed-place-requests';
import { planReferrals } from './seed-referrals';
import { inTimeOrder, type SeedConsent, type SeedPlan, type SeedStep } from './seed-steps';

export interface SeedOptions {
  /** Identifications (cases) to create; a woman identified by both sides counts twice. */
  cases: number;
  seed: number;
  /** First day of the seeded period (UTC). */
  start: Date;
  /** Months over which identifications are spread; follow-ups stop one month after. */
  months: number;
}

const DAY = 86_400_000;
const PRIMARY: Partial<Record<Indicator, number>> = {
  trafficking_sexual: 0.3,
  trafficking_labour: 0.12,
  gbv_intimate_partner: 0.22,
  gbv_sexual: 0.14,
  fgm: 0.06,
  forced_marriage: 0.08,
  isolated: 0.08,
};
const SECONDARY: Indicator[] = ['pregnant', 'with_children', 'isolated', 'urgent_health', 'lgbtiq'];

/** The whole seeded history, decided up front from the seed alone, in time order. */
export function planNetwork(options: SeedOptions): { organisations: SeedOrganisation[]; plan: SeedPlan } {
  const random = new SeededRandom(options.seed);
  const organisations = planOrganisations(random);
  const ngoSide = organisations.filter((o) => o.kind !== 'authority');
  const authorityIn = (department: string) => {
    const authority = organisations.find((o) => o.kind === 'authority' && o.department === department);
    if (!authority) throw new Error(`no authority planned in ${department}`);
    return authority;
  };
  const span = options.months * 30 * DAY;
  const horizon = new Date(options.start.getTime() + span + 30 * DAY);
  const steps: SeedStep[] = [];
  const truth = { women: 0, identifications: 0, identifiedByBoth: 0, ngoSideOnly: 0, authorityOnly: 0, referrals: 0, placeRequests: 0 };
  let refs = 0;
  const nextRef = (prefix: string) => () => `${prefix}${++refs}`;

  while (truth.identifications < options.cases) {
    const woman = truth.women++;
    const firstAt = minute(options.start.getTime() + random.next() * span);
    const person = planPerson(random, woman, firstAt);
    const indicators = planIndicators(random);
    const sides =
      truth.identifications + 1 < options.cases
        ? random.weighted({ ngo: 0.6, both: 0.25, authority: 0.15 })
        : random.weighted({ ngo: 0.8, authority: 0.2 });
    const ngo = random.pick(ngoSide);
    const identify = (holder: SeedOrganisation, at: Date, written: SeedPerson) => {
      truth.identifications++;
      steps.push(...planCase({ random, organisations, holder, at, person: written, indicators, horizon, nextRef }));
    };
    if (sides === 'ngo') {
      truth.ngoSideOnly++;
      identify(ngo, firstAt, person);
    } else if (sides === 'authority') {
      truth.authorityOnly++;
      identify(authorityIn(random.pick(organisations).department), firstAt, person);
    } else {
      const lag = minute(firstAt.getTime() + DAY + random.exponential(20 * DAY));
      // Usually the NGO meets her first; sometimes she reaches the authority first.
      const [first, second] = random.chance(0.8) ? [ngo, authorityIn(ngo.department)] : [authorityIn(ngo.department), ngo];
      const rewrittenPerson = rewritten(random, person);
      identify(first, firstAt, person);
      if (lag <= horizon) {
        truth.identifiedByBoth++;
        identify(second, lag, rewrittenPerson);
      } else if (first.kind === 'authority') truth.authorityOnly++;
      else truth.ngoSideOnly++;
    }
  }
  truth.referrals = steps.filter((s) => s.kind === 'refer').length;
  truth.placeRequests = steps.filter((s) => s.kind === 'placeRequest').length;
  return { organisations, plan: { steps: inTimeOrder(steps), truth } };
}

interface CaseContext {
  random: SeededRandom;
  organisations: SeedOrganisation[];
  holder: SeedOrganisation;
  at: Date;
  person: SeedPerson;
  indicators: Indicator[];
  horizon: Date;
  nextRef: (prefix: string) => () => string;
}

/** One identification, her consents, referrals, and sometimes a withdrawal or an erasure afterwards. */
function planCase(context: CaseContext): SeedStep[] {
  const { random, holder, at } = context;
  const authority = holder.kind === 'authority';
  const caseRef = context.nextRef('c')();
  const consent = random.chance(authority ? 0.75 : 0.9) ? planConsent(random, at, authority) : null;
  const level = authority && random.chance(0.7) ? 'formal' : 'presumed';
  const steps: SeedStep[] = [
    {
      kind: 'identify',
      at,
      by: holder.id,
      caseRef,
      consentRef: consent ? `${caseRef}/k1` : null,
      body: {
        person: context.person,
        level,
        indicators: context.indicators,
        department: holder.department,
        ageBand: ageBandAt(context.person.birthDate, at),
        safety: { doNotContact: random.chance(0.1), safeChannel: random.pick(['phone', 'sms', 'in_person', 'through_referrer']) },
        ...(consent ? { consent } : {}),
      },
    },
  ];
  if (consent) {
    const count = Number(
      authority ? random.weighted({ '0': 0.6, '1': 0.3, '2': 0.1 }) : random.weighted({ '0': 0.18, '1': 0.45, '2': 0.25, '3': 0.12 }),
    );
    steps.push(...planReferrals({ ...context, caseRef, count, identifiedAt: at, nextRef: context.nextRef('r') }));
    // A woman who needs a shelter tonight: her partner asks several shelters at once (not the authority, which places by its own channels).
    const place = authority ? null : shelterNeed(random, context.indicators);
    if (place) steps.push(...planPlaceRequests({ ...context, caseRef, identifiedAt: at }, place));
  }
  const last = new Date(Math.max(...steps.map((s) => s.at.getTime())));
  const later = (days: number) => minute(last.getTime() + random.exponential(days * DAY) + DAY);
  if (random.chance(0.08)) {
    const when = later(20);
    const body: SeedConsent = { ...planConsent(random, when, authority), purposes: ['coordination', 'research'], expiresAt: null };
    if (when <= context.horizon) steps.push({ kind: 'grantConsent', at: when, by: holder.id, caseRef, consentRef: `${caseRef}/k2`, body });
  }
  if (consent && random.chance(0.04)) {
    const when = later(15);
    if (when <= context.horizon) steps.push({ kind: 'withdrawConsent', at: when, by: holder.id, caseRef, consentRef: `${caseRef}/k1` });
  }
  if (random.chance(0.01)) {
    const when = later(40);
    if (when <= context.horizon)
      steps.push({
        kind: 'erase',
        at: new Date(Math.max(when.getTime(), ...steps.map((s) => s.at.getTime() + 60_000))),
        by: holder.id,
        caseRef,
      });
  }
  return steps;
}

function planConsent(random: SeededRandom, at: Date, authority: boolean): SeedConsent {
  const purposes: SeedConsent['purposes'] = ['referral'];
  if (random.chance(authority ? 0.65 : 0.7)) purposes.push('coordination');
  if (random.chance(authority ? 0.45 : 0.55)) purposes.push('research');
  return {
    // Her referral consent covers whoever she is referred to; coordination and research are network-wide.
    recipients: ['any_referral_recipient'],
    categories: random.chance(0.4) ? ['identity', 'contact', 'vulnerability', 'health'] : ['identity', 'contact', 'vulnerability'],
    purposes,
    expiresAt: random.chance(0.15) ? new Date(at.getTime() + 200 * DAY).toISOString() : null,
    method: random.chance(0.7) ? 'verbal' : 'written',
    language: 'fr',
  };
}

function planIndicators(random: SeededRandom): Indicator[] {
  const primary = random.weighted(PRIMARY as Record<Indicator, number>);
  const extra = random.sample(
    SECONDARY.filter((i) => i !== primary),
    Number(random.weighted({ '0': 0.5, '1': 0.35, '2': 0.15 })),
  );
  return [primary, ...extra];
}

const minute = (time: number) => new Date(Math.floor(time / 60_000) * 60_000);
