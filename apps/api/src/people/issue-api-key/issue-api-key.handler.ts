import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ApiKeyStore } from '@passerelle/auth';
import { commandId, StreamStateCache } from '@passerelle/command-handling';
import { actorRef } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { decideOnOrganisation } from '../organisation-command';
import { IssueApiKeyCommand } from './issue-api-key.command';

export const DEFAULT_KEY_LIFETIME_MS = 365 * 24 * 3600 * 1000;

/**
 * The issuance is a fact of the organisation's stream (ApiKeyIssued: who, when, which role, until
 * when), shown to its org_admins; the secret is not: it is returned once, here, and only its hash
 * is stored in the key table. The key exists only once the event is appended, so a refusal stores nothing.
 */
@CommandHandler(IssueApiKeyCommand)
export class IssueApiKeyHandler implements ICommandHandler<IssueApiKeyCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly keys: ApiKeyStore,
  ) {}

  async execute({ data, context }: IssueApiKeyCommand) {
    const keyId = commandId(context, 'api-key');
    // In UTC, as every instant the API records: the key list reads it back that way.
    const expiresAt = new Date(data.expiresAt ?? context.now.getTime() + DEFAULT_KEY_LIFETIME_MS).toISOString();
    const issued = { organisationId: data.organisationId, keyId, role: data.role, expiresAt };
    const { position } = await decideOnOrganisation(
      this.store,
      this.cache,
      { type: 'IssueApiKey', data: issued, metadata: context },
      context,
    );
    const key = await this.keys.insert({ ...issued, label: data.label, createdBy: actorRef(context.actor) });
    return {
      id: keyId,
      keyId,
      key,
      role: data.role,
      label: data.label,
      organisationId: data.organisationId,
      expiresAt,
      position: String(position),
    };
  }
}
