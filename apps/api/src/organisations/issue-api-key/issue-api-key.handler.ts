import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@passerelle/auth';
import { notFound, organisationStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { IssueApiKeyCommand } from './issue-api-key.command';

/**
 * Keys are secrets, not facts of the referral network, so they live in the key table and never in
 * an event. The key is returned once, here; only its hash is stored.
 */
@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keys: ApiKeyStore,
  ) {}

  async execute({ organisationId, role }: IssueApiKeyCommand) {
    const events = await this.store.readStream(organisationStream(organisationId));
    if (events.length === 0) throw notFound('ORGANISATION.NOT_FOUND', 'No organisation with this id is registered.');
    const issued = await this.keys.issue(organisationId, role);
    return { keyId: issued.keyId, key: issued.key, role: issued.role, organisationId };
  }
}
