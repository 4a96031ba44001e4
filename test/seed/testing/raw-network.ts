import { Client } from 'pg';

/** The network as the raw events tell it, read straight from `es_events` (tests only). */
export interface RawCase {
  caseId: string; identifiedBy: string; kind: string; department: string; indicators: string[]; ageBand: string;
  identifiedAt: number; linkageKey: string | null; erased: boolean;
  consents: Array<{ consentId: string; purposes: string[]; expiresAt: string | null; withdrawn: boolean }>;
}
export interface RawReferral {
  referralId: string; caseId: string; from: string; to: string; service: string; status: string; madeAt: number;
  respondBy: number | null; acceptedAt: number | null; answeredAt: number | null; closedAt: number | null; declineReason: string | null; outcome: string | null;
}
export interface RawOrganisation { id: string; kind: string; department: string; services: string[]; capacity: Record<string, { total: number; available: number }> }
export interface RawNetwork { cases: RawCase[]; referrals: RawReferral[]; organisations: RawOrganisation[] }

type Event = { type: string; data: any; metadata: { occurredAt: string } };

export async function readRawNetwork(databaseUrl: string): Promise<RawNetwork> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let events: Event[];
  try {
    events = (await client.query<Event>('SELECT type, data, metadata FROM es_events ORDER BY global_position')).rows;
  } finally {
    await client.end();
  }
  const cases = new Map<string, RawCase>();
  const referrals = new Map<string, RawReferral>();
  const organisations = new Map<string, RawOrganisation>();
  for (const { type, data, metadata } of events) {
    const at = Date.parse(metadata.occurredAt);
    const referral = referrals.get(data.referralId);
    if (type === 'OrganisationRegistered') organisations.set(data.organisationId, { id: data.organisationId, kind: data.kind, department: data.department, services: data.services, capacity: {} });
    else if (type === 'CapacityDeclared') organisations.get(data.organisationId)!.capacity[data.service] = { total: data.total, available: data.available };
    else if (type === 'PersonIdentified') {
      cases.set(data.caseId, {
        caseId: data.caseId, identifiedBy: data.identifiedBy, kind: data.identifierKind, department: data.department, indicators: data.indicators,
        ageBand: data.ageBand, identifiedAt: at, linkageKey: data.linkageKey, erased: false, consents: [],
      });
    } else if (type === 'ConsentGranted') cases.get(data.caseId)!.consents.push({ consentId: data.consentId, purposes: data.purposes, expiresAt: data.expiresAt, withdrawn: false });
    else if (type === 'ConsentWithdrawn') cases.get(data.caseId)!.consents.find((c) => c.consentId === data.consentId)!.withdrawn = true;
    else if (type === 'PersonErased') cases.get(data.caseId)!.erased = true;
    else if (type === 'ReferralMade') {
      referrals.set(data.referralId, {
        referralId: data.referralId, caseId: data.caseId, from: data.from, to: data.to, service: data.service, status: 'referred', madeAt: at,
        respondBy: data.respondBy ? Date.parse(data.respondBy) : null, acceptedAt: null, answeredAt: null, closedAt: null, declineReason: null, outcome: null,
      });
    } else if (type === 'ReferralAccepted') Object.assign(referral!, { status: 'accepted', acceptedAt: at, answeredAt: at });
    else if (type === 'ReferralDeclined') Object.assign(referral!, { status: 'declined', declineReason: data.reason, answeredAt: at });
    else if (type === 'ReferralWithdrawn') Object.assign(referral!, { status: 'withdrawn' });
    else if (type === 'ReferralClosed') Object.assign(referral!, { status: 'closed', closedAt: at, outcome: data.outcome });
  }
  return { cases: [...cases.values()], referrals: [...referrals.values()], organisations: [...organisations.values()] };
}

/** percentile_cont: linear interpolation between the two nearest ranks. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const low = sorted[lower]!;
  const high = sorted[Math.ceil(position)]!;
  return low + (high - low) * (position - lower);
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
export const spread = (days: number[]) => ({ median: oneDecimal(percentile(days, 0.5)), p90: oneDecimal(percentile(days, 0.9)) });
export const daysBetween = (later: number, earlier: number) => (later - earlier) / 1000 / 86400;
