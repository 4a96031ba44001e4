/** The shapes the console reads, as the API answers them (its OpenAPI document is served at /docs). */
import type { Fact, PrintableDocument, SmsText } from '../../../../libs/receipts/src/printable-document';
import type { Role } from '../vocabulary';

export type { Fact, PrintableDocument };

export interface Me {
  principal: 'person' | 'api_key';
  role: Role;
  organisationId: string;
  organisationKind: string | null;
  personId?: string;
  /** Her e-mail address. */
  name?: string | null;
}

export interface SessionInfo {
  csrfToken: string;
  expiresAt: string;
}

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  department: string;
  departmentName: string | null;
  services: string[];
  capacity: { service: string; total: number; available: number }[];
}

export type ReferralStatus = 'referred' | 'accepted' | 'declined' | 'withdrawn' | 'closed';
export type Person = Record<string, unknown>;

export interface InboxItem {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: string;
  urgency: string;
  status: ReferralStatus;
  respondBy: string | null;
  overdue: boolean;
  declineReason: string | null;
  withdrawalReason?: string | null;
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
  person: Person | null;
  visibleCategories: string[];
  erased: boolean;
  /** Set on a referral of a place request: how many other organisations were asked (never who). */
  placeRequestId?: string | null;
  otherRecipients?: number | null;
  /** The sender's rows only: the request's status and who accepted. */
  placeRequest?: { status: PlaceRequestStatus; placedBy: string | null } | null;
}

export type PlaceRequestStatus = 'open' | 'placed' | 'expired' | 'cancelled';

export interface PlaceRequest {
  placeRequestId: string;
  status: PlaceRequestStatus;
  service: string;
  urgency: string;
  respondBy: string | null;
  createdAt: string;
  placed: { organisationId: string; referralId: string; at: string } | null;
  recipients: {
    organisationId: string;
    referralId: string;
    status: ReferralStatus;
    declineReason: string | null;
    withdrawalReason: string | null;
    respondedAt: string | null;
    responseSeconds: number | null;
  }[];
}

export interface InboxPage {
  items: InboxItem[];
  nextCursor: string | null;
}

export interface Referral {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: string;
  urgency: string;
  status: ReferralStatus;
  sharedCategories: string[];
  respondBy: string | null;
  declineReason: string | null;
  withdrawalReason: string | null;
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
  message: string | null;
  placeRequestId?: string | null;
  otherRecipients?: number | null;
  notes: { by: string; event: string; note: string | null }[];
  person: Person | null;
  visibleCategories: string[];
  erased: boolean;
}

export interface Written {
  position: string;
}

export interface Spread {
  median: number | null;
  p90: number | null;
}

export interface Funnel {
  stages: { stage: string; count: number; conversion?: number | null }[];
  declineReasons: Record<string, number>;
  overdue: number;
  delaysDays: Record<string, Spread>;
  byOrganisation?: {
    organisationId: string;
    kind: string | null;
    department: string | null;
    pending: number;
    overdue: number;
    received: number;
  }[];
}

export interface Gaps {
  rows: { department: string; indicator: string; month?: string; ngoOnly: number; authorityOnly: number; both: number; lagDays: Spread }[];
  totals: { ngoOnly: number; authorityOnly: number; both: number; lagDays: Spread; notLinkable?: number };
}

export interface Capacity {
  asOf?: string;
  rows: {
    organisationId: string;
    kind: string;
    department: string;
    service: string;
    declared: { total: number; available: number } | null;
    occupied: number;
    waiting: number;
    overdue: number;
  }[];
}

/** A cell of a research answer: the API generalises every dimension to a plain JSON value. */
export type JsonScalar = string | number | boolean | null | undefined;

export interface ResearchAnswer {
  k: number;
  unit: string;
  rows: (Record<string, JsonScalar> & { count: number | null; suppressed?: boolean; medianDelayDays?: number | null })[];
  /** Per dimension, the rare values published only inside `other`. */
  recoded?: Record<string, string[]>;
  noise: null | { mechanism: string; epsilon: number; budget: { total: number; spent: number; remaining: number } };
}

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  status: string;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

export interface WebhookDelivery {
  eventId: string;
  type: string;
  globalPosition: string;
  status: string;
  attempts: number;
  lastResponseCode: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** One attempt of a delivery: a response status or, when no answer came, the network error. */
export interface DeliveryAttempt {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
}

/** Her consent receipt or her access report (GET /v1/cases/{caseId}/consent-receipt | access-report), written in her language by the API. */
export interface HerDocument {
  caseId: string;
  reference: string;
  language: string;
  direction: 'ltr' | 'rtl';
  review: string;
  document: PrintableDocument;
  sms: SmsText & { safeToSend: boolean; safety: { doNotContact: boolean; safeChannel: string } | null };
  /** Access report only: false when it was cut to its first lines. */
  complete?: boolean;
}
