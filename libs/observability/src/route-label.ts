import type { Request } from 'express';

/**
 * The route template Express matched (`/v1/referrals/:id/acceptance`), or `unmatched`: never the
 * raw path, whose ids would make one metric series (and one log value) per referral. Nest answers
 * unknown paths from a catch-all route, which counts as unmatched too.
 */
export function routeLabel(request: Pick<Request, 'route' | 'baseUrl'>): string {
  // Express types `route` as any: read it as the unknown it is.
  const path: unknown = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched';
  return `${request.baseUrl}${path}`;
}
