import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PeopleStore } from '@passerelle/auth';
import { WhoAmIQuery } from './who-am-i.query';

/**
 * Who is calling, so that a client (the console) offers only what the caller may do: a person
 * signed in (her id, role, organisation and e-mail as `name`), or a machine key (its role and
 * organisation; the key id stays out, since a page may display the answer).
 */
@QueryHandler(WhoAmIQuery)
export class WhoAmIHandler implements IQueryHandler<WhoAmIQuery> {
  constructor(private readonly people: PeopleStore) {}

  async execute({ actor }: WhoAmIQuery) {
    const common = { role: actor.role, organisationId: actor.organisationId, organisationKind: actor.organisationKind };
    if (!actor.personId) return { principal: 'api_key' as const, ...common };
    const person = await this.people.find(actor.personId);
    return { principal: 'person' as const, ...common, personId: actor.personId, name: person?.email ?? null };
  }
}
