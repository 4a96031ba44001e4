import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PeopleStore } from '@passerelle/auth';
import { GetSessionQuery } from './get-session.query';

/**
 * Who is signed in, and the CSRF token the page sends with every change. Readable only by our own
 * origin's scripts (no CORS), so another site can never learn the token.
 */
@QueryHandler(GetSessionQuery)
export class GetSessionHandler implements IQueryHandler<GetSessionQuery> {
  constructor(private readonly people: PeopleStore) {}

  async execute({ actor, session }: GetSessionQuery) {
    const person = actor.personId ? await this.people.find(actor.personId) : null;
    return {
      csrfToken: session?.csrfToken ?? null,
      expiresAt: session?.expiresAt ?? null,
      personId: actor.personId ?? null,
      email: person?.email ?? null,
      role: actor.role,
      organisationId: actor.organisationId,
      organisationKind: actor.organisationKind,
    };
  }
}
