export interface SeedResponse {
  status: number;
  /** Parsed JSON, unchecked: read it with {@link stringField}. */
  body: unknown;
  /** The instant the server used, when it honoured the clock override. */
  clock: string | null;
}

/** The HTTP API of a running network, as the seed uses it. */
export interface SeedTransport {
  send(method: 'GET' | 'POST' | 'PUT', path: string, options: { key: string; body?: unknown; clock?: Date }): Promise<SeedResponse>;
}

/**
 * Plain HTTP with keep-alive (Node's fetch), to a network started in-process or elsewhere. A
 * running network limits each key's rate (README.md#configuration): a 429 is waited out, as its
 * Retry-After says, and the request sent again.
 */
export function httpTransport(baseUrl: string): SeedTransport {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async send(method, path, { key, body, clock }) {
      const headers: Record<string, string> = { authorization: `Bearer ${key}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (clock) headers['x-passerelle-clock'] = clock.toISOString();
      const request = () => fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      let response = await request();
      while (response.status === 429) {
        await response.text();
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1000));
        response = await request();
      }
      const text = await response.text();
      return {
        status: response.status,
        body: text ? (JSON.parse(text) as unknown) : null,
        clock: response.headers.get('x-passerelle-clock'),
      };
    },
  };
}

export class SeedRequestError extends Error {
  constructor(what: string, response: SeedResponse) {
    // The problem's code and detail only: never the request body, which holds her (fictitious) data.
    super(
      `${what}: HTTP ${response.status} ${stringField(response.body, 'code') ?? ''} ${stringField(response.body, 'detail') ?? ''}`.trim(),
    );
    this.name = 'SeedRequestError';
  }
}

/** Sends and insists on a 2xx (or one of `accepted`), else throws a SeedRequestError. */
export async function expectOk(
  transport: SeedTransport,
  what: string,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  options: { key: string; body?: unknown; clock?: Date },
  accepted: number[] = [],
): Promise<SeedResponse> {
  const response = await transport.send(method, path, options);
  if ((response.status < 200 || response.status >= 300) && !accepted.includes(response.status)) throw new SeedRequestError(what, response);
  return response;
}

/** A string field of a JSON body, or undefined when the body is not an object or the field not a string. */
export function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value: unknown = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** A string field the API promises (the id of what it created): its absence is a seed failure. */
export function requiredField(body: unknown, name: string, what: string): string {
  const value = stringField(body, name);
  if (value === undefined) throw new Error(`${what}: the response has no ${name}`);
  return value;
}
