import type { IncomingMessage } from 'node:http';

/**
 * The deepest JSON body accepted. The deepest request the API defines nests three levels
 * (identify → person → health → notes); 32 leaves room for new shapes while keeping every
 * recursive step after parsing (validation, class-transformer, hashing the body for
 * Idempotency-Key) far from the stack's limit: 5,000 levels used to overflow it (a 500).
 */
export const MAX_JSON_DEPTH = 32;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/** body-parser hands `verify` errors on with their own `status` and `type` (see ProblemFilter). */
export class JsonTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
  constructor() {
    super(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
}

/**
 * The nesting depth of JSON text, read from its bytes before anything parses it (one pass, no
 * recursion, no allocation). Brackets inside strings do not count; malformed text is left for
 * JSON.parse to refuse.
 */
export function jsonDepthExceeds(text: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const byte = text[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) depth--;
  }
  return false;
}

/** The JSON body parser's options: bounded in size (`bodyLimit`, 413) and in depth (400). */
export function jsonBodyOptions(limit: string) {
  return {
    limit,
    type: ['application/json', 'application/*+json'],
    verify: (_request: IncomingMessage, _response: unknown, body: Buffer) => {
      if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) throw new JsonTooDeepError();
    },
  };
}
