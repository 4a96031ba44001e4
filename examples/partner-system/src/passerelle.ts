import { createPasserelleClient, type PasserelleClient } from '@passerelle/client';

/** A refusal from the network (application/problem+json), or an answer we could not use. */
export class PasserelleError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
  ) {
    super(`Passerelle answered ${status}${isCoded(problem) ? ` ${problem.code}` : ''}`);
  }
}

/** The body of a successful call, typed by the API's OpenAPI document, or a PasserelleError. */
export function answer<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok || result.data === undefined) throw new PasserelleError(result.response.status, result.error);
  return result.data;
}

export function passerelleClient(baseUrl: string, apiKey: string): PasserelleClient {
  return createPasserelleClient({ baseUrl, apiKey });
}

const isCoded = (value: unknown): value is { code: string } =>
  typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
