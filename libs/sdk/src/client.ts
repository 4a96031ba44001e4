import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './generated/openapi';

export interface PasserelleClientOptions {
  /** Where the network answers, without `/v1`: `https://passerelle.example`, `http://127.0.0.1:3000`; `''` in a page served by it. */
  baseUrl: string;
  /**
   * A machine key (`psk_…`, issued by `POST /v1/organisations/{id}/api-keys`), sent as a Bearer token on every call.
   * Leave it out in a browser page signed in with a session cookie: the cookie goes with `credentials`.
   */
  apiKey?: string;
  /** Another fetch (a test double, an instrumented one); the global fetch when absent. */
  fetch?: (request: Request) => Promise<Response>;
  /** Sent on every call, e.g. the session's `X-CSRF-Token` in the console. */
  headers?: Record<string, string>;
  /** `same-origin` by default: a session cookie never leaves the network's own origin. */
  credentials?: 'same-origin' | 'include' | 'omit';
}

/** The openapi-fetch client of the Passerelle API: `GET`, `POST`, `PUT`, `DELETE` typed by path, parameters and bodies. */
export type PasserelleClient = Client<paths>;

/**
 * A client of the Passerelle API. Every call answers `{ data, error, response }`: `error` is the
 * application/problem+json body of a 4xx or 5xx, never thrown. A state-changing POST honours
 * `Idempotency-Key`: pass the same key when you retry the same intent, and it writes once.
 *
 * ```ts
 * const passerelle = createPasserelleClient({ baseUrl, apiKey: process.env.PASSERELLE_API_KEY });
 * const { data, error } = await passerelle.GET('/v1/referrals/{id}', { params: { path: { id } } });
 * await passerelle.POST('/v1/referrals/{id}/acceptance', { params: { path: { id } }, body: {}, headers: { 'Idempotency-Key': key } });
 * ```
 */
export function createPasserelleClient(options: PasserelleClientOptions): PasserelleClient {
  return createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    credentials: options.credentials ?? 'same-origin',
    headers: {
      Accept: 'application/json, application/problem+json',
      ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}),
      ...options.headers,
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
