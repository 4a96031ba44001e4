import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notFound, organisationStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { ApiKeyStore, Roles, SecretInResponse } from '@passerelle/platform';
import { IssueApiKeyRequest } from './issue-api-key.request.dto';

/**
 * Keys are secrets, not facts of the referral network, so they live in the key table and never in
 * an event. The key is shown once, here; only its hash is stored.
 */
@ApiTags('organisations') @ApiBearerAuth()
@Controller('v1/organisations')
export class IssueApiKeyController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly keys: ApiKeyStore) {}

  @Post(':id/api-keys') @Roles('admin') @SecretInResponse('key')
  async issue(@Param('id') id: string, @Body() body: IssueApiKeyRequest) {
    const events = await this.store.readStream(organisationStream(id));
    if (events.length === 0) throw notFound('ORGANISATION.NOT_FOUND', `No organisation ${id} is registered.`);
    const issued = await this.keys.issue(id, body.role);
    return { keyId: issued.keyId, key: issued.key, role: issued.role, organisationId: id };
  }
}
