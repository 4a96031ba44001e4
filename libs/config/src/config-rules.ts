/**
 * The shape checks behind loadConfig. Each returns the parsed value or a reason ("expected …")
 * that loadConfig prefixes with the variable's name. Secret values are never echoed back.
 */
export type Checked<T> = { ok: true; value: T } | { ok: false; expected: string };

export interface RateLimit {
  limit: number;
  windowMs: number;
}

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (expected: string): Checked<never> => ({ ok: false, expected });
const got = (value: string) => `(got ${JSON.stringify(value)})`;

export function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): Checked<T> =>
    (values as readonly string[]).includes(raw) ? ok(raw as T) : bad(`must be one of ${values.join(', ')} ${got(raw)}`);
}

export function port(raw: string): Checked<number> {
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && value <= 65535 ? ok(value) : bad(`must be a port number from 1 to 65535 ${got(raw)}`);
}

export function boolean(raw: string): Checked<boolean> {
  return raw === 'true' || raw === 'false' ? ok(raw === 'true') : bad(`must be true or false ${got(raw)}`);
}

export function host(raw: string): Checked<string> {
  return /^[A-Za-z0-9.:[\]_-]+$/.test(raw) ? ok(raw) : bad(`must be a host name or IP address such as 127.0.0.1 or 0.0.0.0 ${got(raw)}`);
}

export function postgresUrl(raw: string): Checked<string> {
  const expected = 'must be a postgres:// URL such as postgres://user:password@host:5432/passerelle';
  try {
    const url = new URL(raw);
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return bad(`${expected} (got a ${url.protocol}// URL)`);
    if (!url.hostname) return bad(`${expected} (the host is missing)`);
    return ok(raw);
  } catch {
    return bad(`${expected} (got something that is not a URL)`);
  }
}

const ESDB_SCHEMES = ['esdb://', 'esdb+discover://', 'kurrentdb://', 'kurrentdb+discover://'];
export function eventStoreConnectionString(raw: string): Checked<string> {
  return ESDB_SCHEMES.some((scheme) => raw.startsWith(scheme))
    ? ok(raw)
    : bad(
        `must start with esdb:// or kurrentdb:// (or their +discover forms), e.g. esdb://localhost:2113?tls=false (got "${raw.split('://')[0]}://…")`,
      );
}

const BROKER = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+):(\d{1,5})$/;
export function brokers(raw: string): Checked<string[]> {
  const list = raw.split(',').map((b) => b.trim());
  const wrong = list.filter((broker) => {
    const portNumber = Number(BROKER.exec(broker)?.[1]);
    return !(portNumber >= 1 && portNumber <= 65535);
  });
  return list.length > 0 && wrong.length === 0
    ? ok(list)
    : bad(`must be a comma-separated list of host:port, e.g. kafka-1:9092,kafka-2:9092 ${got(raw)}`);
}

/** 32 bytes in base64 or base64url, padded or not: what `openssl rand -base64 32` prints. */
const BASE64_32 = /^[A-Za-z0-9+/_-]{43}=?$/;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_EXPECTED = 'must be 32 random bytes in base64 (e.g. openssl rand -base64 32)';

export function key32(raw: string): Checked<string> {
  return BASE64_32.test(raw) ? ok(raw) : bad(`${KEY_EXPECTED} (${keyShape(raw)})`);
}

const keyShape = (raw: string): string =>
  raw.length === 43 || raw.length === 44 ? 'got characters that are not base64' : `got ${raw.length} characters, 44 expected`;

/** The master key may carry its id: `keyId:base64`, so rotation can tell keys apart. */
export function masterKey(raw: string): Checked<string> {
  const separator = raw.indexOf(':');
  if (separator === -1) return key32(raw);
  if (!KEY_ID.test(raw.slice(0, separator)))
    return bad(`${KEY_EXPECTED}, optionally prefixed by "keyId:" where keyId is 1 to 64 of A-Z a-z 0-9 . _ -`);
  const material = key32(raw.slice(separator + 1));
  return material.ok ? ok(raw) : bad(`${KEY_EXPECTED} after "keyId:" (${keyShape(raw.slice(separator + 1))})`);
}

export function adminKey(raw: string): Checked<string> {
  return raw.startsWith('psk_') && raw.length >= 32
    ? ok(raw)
    : bad(`must start with psk_ and be at least 32 characters long (got ${raw.length} characters)`);
}

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export function durations(raw: string): Checked<number[]> {
  const parts = raw.split(',').map((p) => p.trim());
  const values = parts.map((part) => {
    const match = /^(\d+)(ms|s|m|h|d)$/.exec(part);
    return match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : undefined;
  });
  const wrong = parts.filter((_, i) => values[i] === undefined);
  return wrong.length === 0
    ? ok(values as number[])
    : bad(
        `must be comma-separated durations such as 0s,5s,5m,30m,2h,5h,10h (units ms, s, m, h, d); ${wrong.map((w) => JSON.stringify(w)).join(', ')} is not one`,
      );
}

/** One positive duration, or `off`: e.g. the place-request expiry sweep's interval. */
export function intervalOrOff(raw: string): Checked<number | null> {
  if (raw === 'off') return ok(null);
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(raw);
  const value = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
  return value > 0 ? ok(value) : bad(`must be a duration such as 10s or 1m (units ms, s, m, h, d), or off ${got(raw)}`);
}

/** `600/1m`: at most 600 requests in each minute; `off` for no limit. */
export function rateLimit(raw: string): Checked<RateLimit | null> {
  if (raw.toLowerCase() === 'off') return ok(null);
  const match = /^(\d{1,9})\/(\d+(?:ms|s|m|h|d))$/.exec(raw);
  const window = match?.[2] ? duration(match[2]) : null;
  const limit = Number(match?.[1]);
  return window?.ok && limit >= 1 && window.value >= 1000
    ? ok({ limit, windowMs: window.value })
    : bad(`must be requests per window such as 600/1m or 20/1s (a window of 1s at least), or off ${got(raw)}`);
}

/**
 * Which proxies' X-Forwarded-For to believe for a client's address (Express's `trust proxy`): a
 * number of hops, or addresses and subnets (`10.0.0.0/8,loopback`). Unset, the socket's peer is the client.
 */
export function trustProxy(raw: string): Checked<number | string> {
  if (/^\d{1,2}$/.test(raw)) return ok(Number(raw));
  const entries = raw.split(',').map((entry) => entry.trim());
  const valid = entries.every((entry) => /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/\d{1,3})?)$/.test(entry));
  return valid
    ? ok(entries.join(','))
    : bad(`must be a number of proxy hops (1) or addresses and subnets such as 10.0.0.0/8,loopback ${got(raw)}`);
}

/** One duration such as 24h or 90m (units ms, s, m, h, d), above zero. */
export function duration(raw: string): Checked<number> {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(raw);
  const value = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : 0;
  return value > 0 ? ok(value) : bad(`must be a duration above zero such as 24h, 90m or 3600s (units ms, s, m, h, d) ${got(raw)}`);
}

export function byteSize(raw: string): Checked<string> {
  return /^\d+(\.\d+)?(b|kb|mb)$/i.test(raw) ? ok(raw.toLowerCase()) : bad(`must be a size such as 100kb or 1mb ${got(raw)}`);
}

/** An origin people reach: https, or http only on a loopback host (a passkey needs a host name, so prefer localhost). */
export function publicUrl(raw: string): Checked<string> {
  const expected = 'must be an https:// origin such as https://passerelle.example.org (http only for localhost)';
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return bad(`${expected} ${got(raw)}`);
    if (url.pathname !== '/' || url.search || url.hash) return bad(`${expected}, without a path ${got(raw)}`);
    return ok(url.origin);
  } catch {
    return bad(`${expected} ${got(raw)}`);
  }
}

/** An OpenID Provider's issuer: https (http only on a loopback host, for tests and demos). */
export function issuerUrl(raw: string): Checked<string> {
  try {
    const url = new URL(raw);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback)
      ? ok(raw.replace(/\/$/, ''))
      : bad(`must be an https:// issuer URL such as https://idp.example.org/realms/passerelle ${got(raw)}`);
  } catch {
    return bad(`must be an https:// issuer URL ${got(raw)}`);
  }
}

/** Any non-empty value; secrets are never echoed back. */
export function text(raw: string): Checked<string> {
  return raw.length <= 500 ? ok(raw) : bad('must be at most 500 characters');
}
