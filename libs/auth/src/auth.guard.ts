import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Actor, OrganisationKind, Role } from '@passerelle/domain';
import type { Request } from 'express';
import { problem, ProblemException, type AuthenticatedRequest } from '@passerelle/http';
import { ApiKeyStore } from './api-key.store';
import { ALLOWED_ROLES, HIDDEN_FROM_NETWORK_ADMIN, PUBLIC_ROUTE } from './auth.decorators';

export const ORGANISATION_KIND_LOOKUP = Symbol('ORGANISATION_KIND_LOOKUP');
/** Resolves an organisation's kind (for rules such as "only an authority records a formal identification"). */
export type OrganisationKindLookup = (organisationId: string) => Promise<OrganisationKind | null>;

/**
 * Resolves the caller of a request that carries no API key (a signed-in person's session cookie):
 * provided by the sessions module; absent, only API keys are accepted.
 */
export const SESSION_AUTHENTICATOR = Symbol('SESSION_AUTHENTICATOR');
export interface SessionAuthenticator {
  /** The person signed in by this request's cookie, or null; throws a problem (403) when a state-changing call lacks its CSRF token. */
  authenticate(request: Request): Promise<Omit<Actor, 'organisationKind'> | null>;
}

const UNAUTHENTICATED = () =>
  new ProblemException(
    problem(401, 'AUTH.UNAUTHENTICATED', 'Unauthenticated', 'Sign in, or send a valid API key as `Authorization: Bearer psk_…`.'),
  );
/** Exactly what a route that does not exist answers (libs/http/src/problem.filter.ts). */
const ABSENT = () => new ProblemException(problem(404, 'NOT_FOUND', 'Not found', 'No such resource.'));

/** Default deny: a route must be @Public() or name its @Roles(); the key or the session decides who is asking. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    @Inject(ORGANISATION_KIND_LOOKUP) private readonly kindOf: OrganisationKindLookup,
    @Optional() @Inject(SESSION_AUTHENTICATOR) private readonly sessions: SessionAuthenticator | null = null,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const caller = await this.caller(request);
    if (!caller) throw UNAUTHENTICATED();
    if (caller.role === 'network_admin' && this.reflector.getAllAndOverride<boolean>(HIDDEN_FROM_NETWORK_ADMIN, targets)) throw ABSENT();
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles?.includes(caller.role)) {
      throw new ProblemException(problem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Forbidden', `A ${caller.role} cannot call this route.`));
    }
    const actsForOrganisation = caller.role === 'partner' || caller.role === 'caseworker';
    request.actor = { ...caller, organisationKind: actsForOrganisation ? await this.kindOf(caller.organisationId) : null };
    return true;
  }

  /** A Bearer key wins; without one, the session cookie (if the sessions module is there). */
  private async caller(request: Request): Promise<Omit<Actor, 'organisationKind'> | null> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const record = match?.[1] ? await this.keys.verify(match[1]) : null;
      return record ? { organisationId: record.organisationId, role: record.role, keyId: record.keyId, personId: null } : null;
    }
    return this.sessions ? this.sessions.authenticate(request) : null;
  }
}
