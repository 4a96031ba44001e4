import { Controller, Delete, HttpCode, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notFound, type Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/platform';
import { WebhookEndpointStore } from '@passerelle/webhooks';

/** Nothing more is sent; deliveries still waiting are cancelled and stay visible in the log. */
@ApiTags('webhooks') @ApiBearerAuth()
@Controller('v1/webhooks')
export class DeleteWebhookController {
  constructor(private readonly endpoints: WebhookEndpointStore) {}

  @Delete(':id') @Roles('partner') @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    if (!(await this.endpoints.remove(actor.organisationId, id))) throw notFound('WEBHOOK.NOT_FOUND', `No webhook endpoint ${id}.`);
  }
}
