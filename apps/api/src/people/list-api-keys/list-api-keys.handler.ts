import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@passerelle/auth';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { requireManagerNow } from '../organisation-command';
import { ListApiKeysQuery } from './list-api-keys.query';

/** An organisation's machine keys for its org_admins: who issued each, when it was last used, when it expires; never a secret. */
@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: ApiKeyStore,
  ) {}

  async execute({ actor, organisationId }: ListApiKeysQuery) {
    await requireManagerNow(this.store, actor, organisationId);
    return { items: await this.keys.list(organisationId) };
  }
}
