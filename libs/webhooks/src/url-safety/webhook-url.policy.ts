import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { classifyAddress, isReachable } from './address-class';

/** Resolves a host name to every address it has (A and AAAA). */
export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

type UrlRefusal = `URL_${'CREDENTIALS' | 'INVALID' | 'NOT_HTTPS' | 'PRIVATE_ADDRESS' | 'SCHEME' | 'UNRESOLVABLE'}`;
/** The refusals of the URL policy, each listed in libs/domain/src/shared/error-codes.ts. */
export type UrlRefusalCode = `WEBHOOK.${UrlRefusal}`;
export type UrlVerdict = { ok: true; url: URL } | { ok: false; code: UrlRefusalCode; reason: string };

const refuse = (code: UrlRefusal, reason: string): UrlVerdict => ({ ok: false, code: `WEBHOOK.${code}`, reason });

/**
 * Whether an endpoint URL may be registered (SSRF; rules in docs/webhooks.md): http(s) only, no credentials, https
 * unless every address is loopback and loopback is allowed, and every address the name resolves to
 * reachable by {@link isReachable}. The dispatcher checks the addresses again at each connection,
 * because a name may resolve elsewhere later (DNS rebinding).
 */
export async function checkWebhookUrl(raw: string, options: { allowLoopback: boolean; resolve?: Resolver }): Promise<UrlVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('URL_INVALID', 'The URL does not parse.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse('URL_SCHEME', 'Only https URLs are accepted.');
  if (url.username || url.password)
    return refuse('URL_CREDENTIALS', 'Credentials in a URL leak into logs; authenticate with the signature instead.');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) return refuse('URL_UNRESOLVABLE', 'The host does not resolve to any address.');
  }
  if (!addresses.every((address) => isReachable(address, options.allowLoopback))) {
    return refuse('URL_PRIVATE_ADDRESS', 'The host is or resolves to a private, loopback, link-local or reserved address.');
  }
  const loopbackOnly = addresses.every((address) => classifyAddress(address) === 'loopback');
  if (url.protocol === 'http:' && !loopbackOnly) return refuse('URL_NOT_HTTPS', 'Webhooks carry signed events: https is required.');
  url.hash = '';
  return { ok: true, url };
}
