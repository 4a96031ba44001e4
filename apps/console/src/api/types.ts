/**
 * The shapes the console reads, as the API answers them: each is the type the OpenAPI document gives
 * that answer (libs/sdk, `npm run sdk:generate`), so a change of the API that the console does not
 * follow fails its typecheck. No answer type is written by hand here.
 */
import type { ResponseBody } from '../../../../libs/sdk/src/types';
import type { Fact, PrintableDocument } from '../../../../libs/receipts/src/printable-document';

export type { Fact, PrintableDocument };

export type Me = ResponseBody<'/v1/me', 'get'>;
export type SessionInfo = ResponseBody<'/auth/session', 'get'>;
export type Organisation = ResponseBody<'/v1/organisations', 'get'>['items'][number];
export type InboxPage = ResponseBody<'/v1/inbox', 'get'>;
export type InboxItem = InboxPage['items'][number];
export type Referral = ResponseBody<'/v1/referrals/{id}', 'get'>;
export type ReferralStatus = Referral['status'];
export type Person = NonNullable<Referral['person']>;
export type PlaceRequest = ResponseBody<'/v1/place-requests/{id}', 'get'>;
export type PlaceRequestStatus = PlaceRequest['status'];
export type Written = ResponseBody<'/v1/referrals', 'post'>;
export type Funnel = ResponseBody<'/v1/coordination/funnel', 'get'>;
export type Gaps = ResponseBody<'/v1/coordination/gaps', 'get'>;
export type Capacity = ResponseBody<'/v1/coordination/capacity', 'get'>;
export type ResearchAnswer = ResponseBody<'/v1/research/queries', 'post'>;
export type WebhookEndpoint = ResponseBody<'/v1/webhooks', 'get'>['items'][number];
export type WebhookDelivery = ResponseBody<'/v1/webhooks/{id}/deliveries', 'get'>['items'][number];
/** One attempt of a delivery: a response status or, when no answer came, the network error. */
export type DeliveryAttempt = ResponseBody<'/v1/webhooks/{id}/deliveries/{eventId}/attempts', 'get'>['items'][number];
/**
 * Her consent receipt or her access report (GET /v1/cases/{caseId}/consent-receipt | access-report), written in her language
 * by the API; the document describes the printable part only as an object, libs/receipts gives its shape.
 */
type Printable<Answer> = Omit<Answer, 'document'> & { document: PrintableDocument };
export type HerDocument =
  Printable<ResponseBody<'/v1/cases/{caseId}/consent-receipt', 'get'>> | Printable<ResponseBody<'/v1/cases/{caseId}/access-report', 'get'>>;

/** A cell of a research answer: the API generalises every dimension to a plain JSON value. */
export type JsonScalar = string | number | boolean | null | undefined;
