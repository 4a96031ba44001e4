/**
 * The shapes the console reads, as the API answers them: each is the type the OpenAPI document gives
 * that answer (libs/sdk, `npm run sdk:generate`). While the document describes no body for an answer,
 * the shape after `ResponseBody`'s third argument stands in; once it does, the document's type wins
 * and the console is checked against it.
 */
import type { ResponseBody } from '../../../../libs/sdk/src/types';
import type { Fact, PrintableDocument, SmsText } from '../../../../libs/receipts/src/printable-document';
import type { Role } from '../vocabulary';

export type { Fact, PrintableDocument };

export type Me = ResponseBody<'/v1/me', 'get', MeShape>;
export type SessionInfo = ResponseBody<'/auth/session', 'get', SessionInfoShape>;
export type Organisation = ResponseBody<'/v1/organisations', 'get', { items: OrganisationShape[] }>['items'][number];
export type InboxPage = ResponseBody<'/v1/inbox', 'get', InboxPageShape>;
export type InboxItem = InboxPage['items'][number];
export type Referral = ResponseBody<'/v1/referrals/{id}', 'get', ReferralShape>;
export type ReferralStatus = Referral['status'];
export type Person = NonNullable<Referral['person']>;
export type PlaceRequest = ResponseBody<'/v1/place-requests/{id}', 'get', PlaceRequestShape>;
export type PlaceRequestStatus = PlaceRequest['status'];
export type Written = ResponseBody<'/v1/referrals', 'post', WrittenShape>;
export type Funnel = ResponseBody<'/v1/coordination/funnel', 'get', FunnelShape>;
export type Gaps = ResponseBody<'/v1/coordination/gaps', 'get', GapsShape>;
export type Capacity = ResponseBody<'/v1/coordination/capacity', 'get', CapacityShape>;
export type ResearchAnswer = ResponseBody<'/v1/research/queries', 'post', ResearchAnswerShape>;
export type WebhookEndpoint = ResponseBody<'/v1/webhooks', 'get', { items: WebhookEndpointShape[] }>['items'][number];
export type WebhookDelivery = ResponseBody<'/v1/webhooks/{id}/deliveries', 'get', { items: WebhookDeliveryShape[] }>['items'][number];
/** One attempt of a delivery: a response status or, when no answer came, the network error. */
export type DeliveryAttempt = ResponseBody<
  '/v1/webhooks/{id}/deliveries/{eventId}/attempts',
  'get',
  { items: DeliveryAttemptShape[] }
>['items'][number];
/** Her consent receipt or her access report (GET /v1/cases/{caseId}/consent-receipt | access-report), written in her language by the API. */
export type HerDocument = ResponseBody<'/v1/cases/{caseId}/consent-receipt', 'get', HerDocumentShape>;

/** A cell of a research answer: the API generalises every dimension to a plain JSON value. */
export type JsonScalar = string | number | boolean | null | undefined;

// The shapes below stand in while the OpenAPI document describes no body for these answers.

interface MeShape {
  principal: 'person' | 'api_key';
  role: Role;
  organisationId: string;
  organisationKind: string | null;
  personId?: string;
  /** Her e-mail address. */
  name?: string | null;
}

interface SessionInfoShape {
  csrfToken: string;
  expiresAt: string;
}

interface OrganisationShape {
  id: string;
  name: string;
  kind: string;
  department: string;
  departmentName: string | null;
  services: string[];
  capacity: { service: string; total: number; available: number }[];
}

type ReferralStatusShape = 'referred' | 'accepted' | 'declined' | 'withdrawn' | 'closed';
type PersonShape = Record<string, unknown>;

interface InboxItemShape {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: string;
  urgency: string;
  status: ReferralStatusShape;
  respondBy: string | null;
  overdue: boolean;
  declineReason: string | null;
  withdrawalReason?: string | null;
  outcome: string | null;
  createdAt: string;
  updatedAt: string;
  person: PersonShape | null;
  visibleCategories: string[];
  erased: boolean;
  /** Set on a referral of a place request: how many other organisations were asked (never who). */
  placeRequestId?: string | null;
  otherRecipients?: number | null;
  /** The sender's rows only: the request's status and who accepted. */
  placeRequest?: { status: PlaceRequestStatusShape; placedBy: string | null } | null;
}

type PlaceRequestStatusShape = 'open' | 'placed' | 'expired' | 'cancelled';

interface PlaceRequestShape {
  placeRequestId: string;
  status: PlaceRequestStatusShape;
  service: string;
  urgency: string;
  respondBy: string | null;
  createdAt: string;
  placed: { organisationId: string; referralId: string; at: string } | null;
  recipients: {
    organisationId: string;
    referralId: string;
    status: ReferralStatusShape;
    declineReason: string | null;
    withdrawalReason: string | null;
    respondedAt: string | null;
    responseSeconds: number | null;
  }[];
}

interface InboxPageShape {
  items: InboxItemShape[];
  nextCursor: string | null;
}

interface ReferralShape {
  referralId: string;
  caseId: string;
  from: string;
  to: string;
  service: string;
  urgency: string;
  status: ReferralStatusShape;
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
  person: PersonShape | null;
  visibleCategories: string[];
  erased: boolean;
}

interface WrittenShape {
  position: string;
}

interface Spread {
  median: number | null;
  p90: number | null;
}

interface FunnelShape {
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

interface GapsShape {
  rows: { department: string; indicator: string; month?: string; ngoOnly: number; authorityOnly: number; both: number; lagDays: Spread }[];
  totals: { ngoOnly: number; authorityOnly: number; both: number; lagDays: Spread; notLinkable?: number };
}

interface CapacityShape {
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

interface ResearchAnswerShape {
  k: number;
  unit: string;
  rows: (Record<string, JsonScalar> & { count: number | null; suppressed?: boolean; medianDelayDays?: number | null })[];
  /** Per dimension, the rare values published only inside `other`. */
  recoded?: Record<string, string[]>;
  noise: null | { mechanism: string; epsilon: number; budget: { total: number; spent: number; remaining: number } };
}

interface WebhookEndpointShape {
  id: string;
  url: string;
  events: string[];
  status: string;
  disabledReason: string | null;
  failingSince: string | null;
  createdAt: string;
}

interface WebhookDeliveryShape {
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

interface DeliveryAttemptShape {
  at: string;
  status?: number;
  error?: string;
  durationMs: number;
}

interface HerDocumentShape {
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
