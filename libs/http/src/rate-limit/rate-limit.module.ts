import type { ExecutionContext } from '@nestjs/common';
import { ThrottlerModule, type ThrottlerModuleOptions, type ThrottlerOptions } from '@nestjs/throttler';
import { APP_CONFIG, DEFAULT_RATE_LIMITS, type RateLimit, type RateLimits, type RuntimeSettings } from '@passerelle/config';
import { hash } from 'node:crypto';
import type { Request } from 'express';
import { FixedWindowStorage } from './fixed-window.storage';

const requestOf = (context: ExecutionContext) => context.switchToHttp().getRequest<Request>();

/** The API key itself, hashed: a counter never holds a usable key. Absent without a bearer token. */
function bearerKey(request: Request): string | null {
  const header = request.headers.authorization;
  const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : '';
  return token ? hash('sha256', token, 'base64url') : null;
}

/** Only the API is limited: /health and /metrics answer probes and scrapers whatever the load. */
const outsideApi = (context: ExecutionContext) => !requestOf(context).path.startsWith('/v1/');

function throttler(name: string, limit: RateLimit | null, extra: Partial<ThrottlerOptions> = {}): ThrottlerOptions {
  return {
    name,
    limit: limit?.limit ?? 1,
    ttl: limit?.windowMs ?? 60_000,
    ...extra,
    skipIf: (context) => limit === null || outsideApi(context) || (extra.skipIf?.(context) ?? false),
  };
}

/**
 * Two limits on every /v1 request: per API key (a key's holder, wherever it calls from), and per
 * client address (also before a key is known, so guessing keys is slowed down). Each counts across
 * every route (the key is the throttler's name and the tracker, not the route).
 */
export function rateLimitOptions(limits: RateLimits): ThrottlerModuleOptions {
  return {
    storage: new FixedWindowStorage(),
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    throttlers: [
      throttler('key', limits.perKey, {
        getTracker: (request) => bearerKey(request as Request) ?? '',
        skipIf: (context) => bearerKey(requestOf(context)) === null,
      }),
      throttler('address', limits.perAddress),
    ],
  };
}

/** Limits from the settings (PASSERELLE_RATE_LIMIT_PER_KEY, _PER_ADDRESS); the guard is registered by the app (RateLimitGuard). */
export const RateLimitModule = ThrottlerModule.forRootAsync({
  inject: [APP_CONFIG],
  useFactory: (settings: RuntimeSettings) => rateLimitOptions(settings.rateLimits ?? DEFAULT_RATE_LIMITS),
});
