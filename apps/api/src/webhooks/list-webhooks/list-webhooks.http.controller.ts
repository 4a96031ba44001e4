import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/platform';
import { WebhookEndpointStore } from '@passerelle/webhooks';
import { ownEndpoint, webhookView } from '../webhook.view';

@ApiTags('webhooks') @ApiBearerAuth()
@Controller('v1/webhooks')
export class ListWebhooksController {
  constructor(private readonly endpoints: WebhookEndpointStore) {}

  @Get() @Roles('partner')
  async list(@CurrentActor() actor: Actor) {
    return { items: (await this.endpoints.list(actor.organisationId)).map(webhookView) };
  }

  @Get(':id') @Roles('partner')
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return webhookView(await ownEndpoint(this.endpoints, actor.organisationId, id));
  }
}
