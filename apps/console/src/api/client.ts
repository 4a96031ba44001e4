import { createPasserelleClient } from '../../../../libs/sdk/src/client';

/**
 * The console's only door to the network: the public HTTP API through the SDK's client
 * (libs/sdk, openapi-fetch), as the person signed in. Her session is an HttpOnly cookie the page
 * never sees (the console never holds an API key); every change carries the session's CSRF token.
 * Errors arrive as application/problem+json (RFC 9457) and become ApiError with its detail.
 */
export interface Problem {
  status: number;
  title?: string;
  detail?: string;
  code?: string;
  errors?: { field?: string; message?: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
  }
  get status(): number {
    return this.problem.status;
  }
}

/** Raised when the server cannot be reached at all (offline, server down). */
export class NetworkError extends Error {}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => undefined;

/** The session's CSRF token for every change, and what to do when the session ends (401) later on. */
export function useSession(token: string | null, unauthenticated: () => void = () => undefined): void {
  csrfToken = token;
  onUnauthenticated = unauthenticated;
}

type Query = Record<string, string | number | undefined>;

export function get<T>(path: string, query: Query = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, String(value));
  const suffix = search.size ? `?${search.toString()}` : '';
  return send<T>('GET', `${path}${suffix}`);
}

/**
 * A state-changing call. The caller keeps `idempotencyKey` for as long as the same form is retried,
 * so a double click or a retry after a dropped connection never writes twice (Idempotency-Key).
 */
export function post<T>(path: string, body: unknown, idempotencyKey?: string): Promise<T> {
  return send<T>('POST', path, body, idempotencyKey);
}

export function put<T>(path: string, body: unknown): Promise<T> {
  return send<T>('PUT', path, body);
}

export async function del(path: string): Promise<void> {
  await send<unknown>('DELETE', path);
}

/**
 * Same origin (baseUrl ''): the session cookie goes to this origin only, and nothing about her ever
 * goes into a URL. Answers are never cached: they hold personal data.
 */
const api = createPasserelleClient({ baseUrl: '', credentials: 'same-origin', fetch: (request) => fetch(request, { cache: 'no-store' }) });
api.use({
  onRequest: ({ request }) => {
    if (csrfToken && request.method !== 'GET') request.headers.set('X-CSRF-Token', csrfToken);
    return request;
  },
});

/**
 * The views name paths with their ids already in them (`/v1/referrals/${id}`) and type each answer
 * with src/api/types.ts, which takes the OpenAPI document's types: the client is called untyped here.
 */
const request = api.request as unknown as (
  method: 'get' | 'post' | 'put' | 'delete',
  path: string,
  init: { body?: unknown; headers: Record<string, string> },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

async function send<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
  let result: Awaited<ReturnType<typeof request>>;
  try {
    result = await request(method.toLowerCase() as Lowercase<typeof method>, path, body === undefined ? { headers } : { body, headers });
  } catch {
    throw new NetworkError('network');
  }
  const { response } = result;
  if (response.ok) return (response.status === 204 ? null : (result.data ?? null)) as T;
  const problem: Problem = isProblem(result.error) ? result.error : { status: response.status };
  if (response.status === 401 && csrfToken) onUnauthenticated();
  throw new ApiError({ ...problem, status: response.status });
}

const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'status' in value;

/** A fresh Idempotency-Key. getRandomValues works on plain-http deployments too, unlike randomUUID. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
