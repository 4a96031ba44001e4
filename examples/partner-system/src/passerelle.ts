import { createPasserelleClient, type PasserelleClient, type ResponseBody } from '@passerelle/client';
import type { DeclaredCapacity } from './decide';

/*
 * The answers this system reads. ResponseBody is the type the API's OpenAPI document gives each
 * answer; the second argument is the narrow shape used while the document describes no body.
 */
export type Me = ResponseBody<'/v1/me', 'get', { organisationId: string }>;
export type Referral = ResponseBody<'/v1/referrals/{id}', 'get', { referralId: string; to: string; service: string; status: string }>;
export type Directory = ResponseBody<'/v1/organisations', 'get', { items: { id: string; capacity: DeclaredCapacity[] }[] }>;
export type RegisteredWebhook = ResponseBody<'/v1/webhooks', 'post', { id: string; secret: string }>;

/** A refusal from the network (application/problem+json), or an answer we could not use. */
export class PasserelleError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`Passerelle answered ${status}${isCoded(problem) ? ` ${problem.code}` : ''}`);
  }
}

/** The body of a successful call, as `T` (see above), or a PasserelleError. */
export function answer<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new PasserelleError(result.response.status, result.error);
  return result.data as T;
}

export function passerelleClient(baseUrl: string, apiKey: string): PasserelleClient {
  return createPasserelleClient({ baseUrl, apiKey });
}

const isCoded = (value: unknown): value is { code: string } =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
