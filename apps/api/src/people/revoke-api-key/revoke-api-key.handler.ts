import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@passerelle/auth';
import { StreamStateCache } from '@passerelle/command-handling';
import { notFound } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { decideOnOrganisation, requireManagerNow } from '../organisation-command';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

/**
 * Decided on the organisation's stream (ApiKeyRevoked), then applied to the key table, whose
 * trigger tells every process to forget the key: refused everywhere within a second.
 */
@CommandHandler(RevokeApiKeyCommand)
export class RevokeApiKeyHandler implements ICommandHandler<RevokeApiKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly keys: ApiKeyStore,
  ) {}

  async execute({ data, context }: RevokeApiKeyCommand): Promise<void> {
    // Who may revoke is checked first, so that only a manager of this organisation learns whether the key exists.
    await requireManagerNow(this.store, context.actor, data.organisationId);
    if (!(await this.keys.exists(data.organisationId, data.keyId))) throw keyNotFound();
    await decideOnOrganisation(this.store, this.cache, { type: 'RevokeApiKey', data, metadata: context }, context);
    await this.keys.revoke(data.organisationId, data.keyId);
  }
}

const keyNotFound = () => notFound('API_KEY.NOT_FOUND', 'No such key in this organisation');
