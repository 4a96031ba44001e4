import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Actor, Role } from '@passerelle/domain';
import type { AuthenticatedRequest } from '@passerelle/http';

export const PUBLIC_ROUTE = 'passerelle:public';
export const ALLOWED_ROLES = 'passerelle:roles';

/** Marks a route anyone may call (health, docs). Every other route is denied by default. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route; the guard rejects every other role with 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

export type { AuthenticatedRequest } from '@passerelle/http';

/** The caller, resolved from the API key by the guard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
