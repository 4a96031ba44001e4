import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WhoAmIQuery } from './who-am-i.query';

/**
 * Which role and organisation a key stands for, so that a client (the console) can offer only what
 * the key allows. It names nothing else: the key id stays out, since a page may display the answer.
 */
@QueryHandler(WhoAmIQuery)
export class WhoAmIHandler implements IQueryHandler<WhoAmIQuery> {
  execute({ actor }: WhoAmIQuery) {
    return Promise.resolve({ role: actor.role, organisationId: actor.organisationId, organisationKind: actor.organisationKind });
  }
}
