/**
 * The console's only door to the network: the public HTTP API, as the person signed in. Her
 * session is an HttpOnly cookie the page never sees (the console never holds an API key); every
 * change carries the session's CSRF token. Errors arrive as application/problem+json (RFC 9457)
 * and become ApiError with its detail.
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

async function send<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (csrfToken && method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response: Response;
  try {
    // The session cookie goes to this origin only; nothing about her ever goes into a URL.
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new NetworkError('network');
  }
  const payload: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const problem: Problem = isProblem(payload) ? payload : { status: response.status };
  if (response.status === 401 && csrfToken) onUnauthenticated();
  throw new ApiError({ ...problem, status: response.status });
}

const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'status' in value;

/** A fresh Idempotency-Key. getRandomValues works on plain-http deployments too, unlike randomUUID. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
