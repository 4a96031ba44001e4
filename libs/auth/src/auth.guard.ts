import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { OrganisationKind, Role } from '@passerelle/domain';
import type { Request } from 'express';
import { problem, ProblemException, type AuthenticatedRequest } from '@passerelle/http';
import { ApiKeyStore } from './api-key.store';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';

export const ORGANISATION_KIND_LOOKUP = Symbol('ORGANISATION_KIND_LOOKUP');
/** Resolves an organisation's kind (for rules such as "only an authority records a formal identification"). */
export type OrganisationKindLookup = (organisationId: string) => Promise<OrganisationKind | null>;

/** Default deny: a route must be @Public() or name its @Roles(); the key decides who is asking. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
    @Inject(ORGANISATION_KIND_LOOKUP) private readonly kindOf: OrganisationKindLookup,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const record = match?.[1] ? await this.keys.verify(match[1]) : null;
    if (!record) {
      throw new ProblemException(
        problem(401, 'AUTH.UNAUTHENTICATED', 'Unauthenticated', 'Send a valid API key as `Authorization: Bearer psk_…`.'),
      );
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!roles?.includes(record.role)) {
      throw new ProblemException(problem(403, 'AUTH.ROLE_NOT_ALLOWED', 'Forbidden', `A ${record.role} key cannot call this route.`));
    }
    request.actor = {
      organisationId: record.organisationId,
      organisationKind: record.role === 'partner' ? await this.kindOf(record.organisationId) : null,
      role: record.role,
      keyId: record.keyId,
    };
    return true;
  }
}
