/**
 * The console's only door to the network: the public HTTP API, with the signed-in key as a Bearer
 * token. Errors arrive as application/problem+json (RFC 9457) and become ApiError with its detail.
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

let apiKey: string | null = null;
let onUnauthenticated: () => void = () => undefined;

/** The key for every call, and what to do when the API stops accepting it (401) later on. */
export function useKey(key: string | null, unauthenticated: () => void = () => undefined): void {
  apiKey = key;
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
export function post<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  return send<T>('POST', path, body, idempotencyKey);
}

async function send<T>(method: string, path: string, body?: unknown, idempotencyKey?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response: Response;
  try {
    // The API key travels in a header only: never in the URL, never in a cookie.
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new NetworkError('network');
  }
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const problem: Problem = isProblem(payload) ? payload : { status: response.status };
  if (response.status === 401 && apiKey) onUnauthenticated();
  throw new ApiError({ ...problem, status: response.status });
}

const isProblem = (value: unknown): value is Problem => typeof value === 'object' && value !== null && 'status' in value;

/** A fresh Idempotency-Key. getRandomValues works on plain-http deployments too, unlike randomUUID. */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
