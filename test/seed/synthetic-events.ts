import { randomUUID } from 'node:crypto';
import type { EventMetadata, NewEvent } from '@passerelle/event-store';
import type { SeededRandom } from './random';
import type { SeedOrganisation } from './seed-organisations';

/** Events for one stream, ready to append. */
export interface SyntheticAppend {
  stream: string;
  events: NewEvent[];
  /** Her linkage key, recorded beside the events before they are appended, as IdentifyPerson does. */
  linkageKey?: { caseId: string; linkageKey: string };
}

const DAY = 86_400_000;
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const INDICATORS = ['trafficking_sexual', 'trafficking_labour', 'gbv_intimate_partner', 'gbv_sexual', 'fgm', 'forced_marriage', 'isolated'];
const AGE_BANDS = ['18-24', '25-34', '35-44', '45-54'];

const metadata = (at: number, organisationId: string): EventMetadata => ({
  schemaVersion: 1,
  occurredAt: new Date(at).toISOString(),
  actor: { organisationId, role: 'partner', keyId: null },
  correlationId: randomUUID(),
  causationId: null,
  scope: {},
});
const event = (type: string, data: object, at: number, by: string): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: metadata(at, by),
});

/** Registration of the organisations, with declared capacity. */
export function syntheticOrganisations(organisations: SeedOrganisation[]): SyntheticAppend[] {
  return organisations.map((o) => ({
    stream: `organisation-${o.id}`,
    events: [
      event(
        'OrganisationRegistered',
        { organisationId: o.id, name: o.name, kind: o.kind, department: o.department, services: o.services },
        YEAR_START - 7 * DAY,
        'passerelle',
      ),
      ...o.capacity.map((c) => event('CapacityDeclared', { organisationId: o.id, ...c }, YEAR_START - 7 * DAY, o.id)),
    ],
  }));
}

/**
 * One woman's history as raw events, shaped like the seed's (identification with consent, 0–3
 * referrals answered and closed, sometimes a second identification by the authority with the same
 * linkage key), for benchmarks that need a large store fast. Personal fields are placeholders: no
 * keyring is involved, and nothing here is anyone's data. Appended straight to the event store.
 */
export function syntheticWoman(random: SeededRandom, organisations: SeedOrganisation[]): SyntheticAppend[] {
  const ngoSide = organisations.filter((o) => o.kind !== 'authority');
  const holder = random.pick(ngoSide);
  const authority = organisations.find((o) => o.kind === 'authority' && o.department === holder.department);
  if (!authority) throw new Error(`no authority in ${holder.department}`);
  const linkageKey = randomUUID();
  const at = YEAR_START + Math.floor(random.next() * 330 * DAY);
  const indicators = [random.pick(INDICATORS)];
  const ageBand = random.pick(AGE_BANDS);
  const appends = [identification(random, holder, at, indicators, ageBand, linkageKey, organisations)];
  if (random.chance(0.25))
    appends.push(
      identification(
        random,
        authority,
        at + DAY + Math.floor(random.exponential(20 * DAY)),
        indicators,
        ageBand,
        linkageKey,
        organisations,
      ),
    );
  return appends.flat();
}

function identification(
  random: SeededRandom,
  holder: SeedOrganisation,
  at: number,
  indicators: string[],
  ageBand: string,
  linkageKey: string,
  organisations: SeedOrganisation[],
): SyntheticAppend[] {
  const caseId = randomUUID();
  const purposes = ['referral', ...(random.chance(0.7) ? ['coordination'] : []), ...(random.chance(0.55) ? ['research'] : [])];
  const appends: SyntheticAppend[] = [
    {
      stream: `case-${caseId}`,
      linkageKey: { caseId, linkageKey },
      events: [
        event(
          'PersonIdentified',
          {
            caseId,
            identifiedBy: holder.id,
            identifierKind: holder.kind,
            level: holder.kind === 'authority' ? 'formal' : 'presumed',
            indicators,
            department: holder.department,
            ageBand,
            safety: { doNotContact: false, safeChannel: 'phone' },
            personal: { identity: 'sealed:bench' },
          },
          at,
          holder.id,
        ),
        event(
          'ConsentGranted',
          {
            caseId,
            consentId: randomUUID(),
            recipients: ['any_referral_recipient'],
            categories: ['identity', 'contact'],
            purposes,
            expiresAt: null,
            method: 'verbal',
            language: 'fr',
            recordedBy: holder.id,
          },
          at,
          holder.id,
        ),
      ],
    },
  ];
  const referrals = Number(random.weighted({ '0': 0.2, '1': 0.45, '2': 0.25, '3': 0.1 }));
  let made = at + Math.floor(random.exponential(3 * DAY));
  for (let n = 0; n < referrals; n++) {
    const to = random.pick(organisations.filter((o) => o.id !== holder.id));
    const service = random.pick(to.services);
    const referralId = randomUUID();
    const events = [
      event(
        'ReferralMade',
        {
          referralId,
          caseId,
          from: holder.id,
          to: to.id,
          service,
          urgency: 'soon',
          sharedCategories: ['identity'],
          message: null,
          respondBy: new Date(made + 3 * DAY).toISOString(),
        },
        made,
        holder.id,
      ),
    ];
    const answered = made + Math.floor(random.exponential(DAY)) + 60_000;
    const fate = random.weighted({ accept: 0.6, decline: 0.25, pending: 0.15 });
    if (fate === 'decline')
      events.push(event('ReferralDeclined', { referralId, by: to.id, reason: 'no_capacity', note: null }, answered, to.id));
    if (fate === 'accept') {
      events.push(event('ReferralAccepted', { referralId, by: to.id, note: null }, answered, to.id));
      if (random.chance(0.75))
        events.push(
          event(
            'ReferralClosed',
            { referralId, by: to.id, outcome: 'service_provided', note: null },
            answered + Math.floor(random.exponential(20 * DAY)),
            to.id,
          ),
        );
    }
    appends.push({ stream: `referral-${referralId}`, events });
    made += Math.floor(random.exponential(7 * DAY)) + 60_000;
  }
  return appends;
}
