import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@passerelle/domain';
import type { AuthenticatedRequest } from '@passerelle/http';

export const PUBLIC_ROUTE = 'passerelle:public';
export const HIDDEN_FROM_NETWORK_ADMIN = 'passerelle:hidden-from-network-admin';
export const ALLOWED_ROLES = 'passerelle:roles';

/** Marks a route anyone may call (health, docs). Every other route is denied by default. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route; the guard rejects every other role with 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/**
 * A case or referral route: the network admin, who onboards organisations and must never read a
 * case, gets the 404 of a route that does not exist, whatever she asks for (not even a 403 that
 * would confirm the route and her role).
 */
export const HiddenFromNetworkAdmin = () => SetMetadata(HIDDEN_FROM_NETWORK_ADMIN, true);

export type { AuthenticatedRequest } from '@passerelle/http';

/** The caller, resolved from the API key by the guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});

/** The signed-in person's session (sign-out, GET /auth/session); undefined when a machine key calls. */
export const CurrentSession = createParamDecorator(
  (_: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<{ session?: { sessionId: string; csrfToken: string; expiresAt: string } }>().session,
);
