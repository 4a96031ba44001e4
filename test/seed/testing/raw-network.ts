import { Client } from 'pg';
import type { CaseEvent, OrganisationEvent, PlaceRequestEvent, ReferralEvent } from '@passerelle/domain';

/** The network as the raw events tell it, read straight from `es_events`, with the linkage keys kept beside them (tests only). */
export interface RawCase {
  caseId: string;
  identifiedBy: string;
  kind: string;
  department: string;
  indicators: string[];
  ageBand: string;
  identifiedAt: number;
  linkageKey: string | null;
  erased: boolean;
  consents: { consentId: string; purposes: string[]; expiresAt: string | null; withdrawn: boolean }[];
}
export interface RawReferral {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: string;
  status: string;
  madeAt: number;
  respondBy: number | null;
  acceptedAt: number | null;
  answeredAt: number | null;
  closedAt: number | null;
  declineReason: string | null;
  outcome: string | null;
  placeRequestId: string | null;
}
export interface RawPlaceRequest {
  placeRequestId: string;
  caseId: string;
  service: string;
  status: 'open' | 'placed' | 'expired' | 'cancelled';
  recipients: number;
  madeAt: number;
  placedAt: number | null;
}
export interface RawOrganisation {
  id: string;
  kind: string;
  department: string;
  services: string[];
  capacity: Record<string, { total: number; available: number }>;
}
export interface RawNetwork {
  cases: RawCase[];
  referrals: RawReferral[];
  organisations: RawOrganisation[];
  /** In the order they were made (global order). */
  placeRequests: RawPlaceRequest[];
}

/** The table holds other streams' events too (webhooks…): their types match no case below and are skipped. */
type Event = (CaseEvent | ReferralEvent | PlaceRequestEvent | OrganisationEvent) & { metadata: { occurredAt: string } };

function known<T>(map: Map<string, T>, id: string): T {
  const found = map.get(id);
  if (found === undefined) throw new Error(`event for ${id} before the event that created it`);
  return found;
}

export async function readRawNetwork(databaseUrl: string): Promise<RawNetwork> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let events: Event[];
  let linkageKeys: Map<string, string>;
  try {
    events = (await client.query<Event>('SELECT type, data, metadata FROM es_events ORDER BY global_position')).rows;
    // Not in the events (docs/adr/0011-linkage-keys-outside-the-events.md): erasure deletes them from this table.
    const keys = await client.query<{ case_id: string; linkage_key: string }>(
      'SELECT case_id, linkage_key FROM privacy_linkage_keys WHERE linkage_key IS NOT NULL',
    );
    linkageKeys = new Map(keys.rows.map((row) => [row.case_id, row.linkage_key]));
  } finally {
    await client.end();
  }
  const cases = new Map<string, RawCase>();
  const referrals = new Map<string, RawReferral>();
  const organisations = new Map<string, RawOrganisation>();
  const placeRequests = new Map<string, RawPlaceRequest>();
  for (const event of events) {
    const at = Date.parse(event.metadata.occurredAt);
    switch (event.type) {
      case 'OrganisationRegistered': {
        const { organisationId, kind, department, services } = event.data;
        organisations.set(organisationId, { id: organisationId, kind, department, services, capacity: {} });
        break;
      }
      case 'CapacityDeclared':
        known(organisations, event.data.organisationId).capacity[event.data.service] = {
          total: event.data.total,
          available: event.data.available,
        };
        break;
      case 'PersonIdentified': {
        const { data } = event;
        cases.set(data.caseId, {
          caseId: data.caseId,
          identifiedBy: data.identifiedBy,
          kind: data.identifierKind,
          department: data.department,
          indicators: data.indicators,
          ageBand: data.ageBand,
          identifiedAt: at,
          linkageKey: linkageKeys.get(data.caseId) ?? null,
          erased: false,
          consents: [],
        });
        break;
      }
      case 'ConsentGranted': {
        const { caseId, consentId, purposes, expiresAt } = event.data;
        known(cases, caseId).consents.push({ consentId, purposes, expiresAt, withdrawn: false });
        break;
      }
      case 'ConsentWithdrawn': {
        const consent = known(cases, event.data.caseId).consents.find((c) => c.consentId === event.data.consentId);
        if (!consent) throw new Error(`consent ${event.data.consentId} withdrawn before it was granted`);
        consent.withdrawn = true;
        break;
      }
      case 'PersonErased':
        known(cases, event.data.caseId).erased = true;
        break;
      case 'ReferralMade': {
        const { data } = event;
        referrals.set(data.referralId, {
          referralId: data.referralId,
          caseId: data.caseId,
          from: data.from,
          to: data.to,
          service: data.service,
          status: 'referred',
          madeAt: at,
          respondBy: data.respondBy ? Date.parse(data.respondBy) : null,
          acceptedAt: null,
          answeredAt: null,
          closedAt: null,
          declineReason: null,
          outcome: null,
          placeRequestId: data.placeRequest?.placeRequestId ?? null,
        });
        break;
      }
      case 'ReferralAccepted':
        Object.assign(known(referrals, event.data.referralId), { status: 'accepted', acceptedAt: at, answeredAt: at });
        break;
      case 'ReferralDeclined':
        Object.assign(known(referrals, event.data.referralId), { status: 'declined', declineReason: event.data.reason, answeredAt: at });
        break;
      case 'ReferralWithdrawn':
        Object.assign(known(referrals, event.data.referralId), { status: 'withdrawn' });
        break;
      case 'ReferralClosed':
        Object.assign(known(referrals, event.data.referralId), { status: 'closed', closedAt: at, outcome: event.data.outcome });
        break;
      case 'PlaceRequestMade': {
        const { placeRequestId, caseId, service, recipients } = event.data;
        placeRequests.set(placeRequestId, {
          placeRequestId,
          caseId,
          service,
          status: 'open',
          recipients: recipients.length,
          madeAt: at,
          placedAt: null,
        });
        break;
      }
      case 'PlaceRequestPlaced':
        Object.assign(known(placeRequests, event.data.placeRequestId), { status: 'placed', placedAt: at });
        break;
      case 'PlaceRequestExpired':
        known(placeRequests, event.data.placeRequestId).status = 'expired';
        break;
      case 'PlaceRequestCancelled':
        known(placeRequests, event.data.placeRequestId).status = 'cancelled';
        break;
    }
  }
  return {
    cases: [...cases.values()],
    referrals: [...referrals.values()],
    organisations: [...organisations.values()],
    placeRequests: [...placeRequests.values()],
  };
}

/** percentile_cont: linear interpolation between the two nearest ranks. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const lower = Math.floor(position);
  const low = sorted[lower] ?? 0;
  const high = sorted[Math.ceil(position)] ?? low;
  return low + (high - low) * (position - lower);
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);
export const spread = (days: number[]) => ({ median: oneDecimal(percentile(days, 0.5)), p90: oneDecimal(percentile(days, 0.9)) });
export const daysBetween = (later: number, earlier: number) => (later - earlier) / 1000 / 86400;
