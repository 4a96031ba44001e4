import { Body, Controller, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { notFound, type Actor } from '@passerelle/domain';
import { CurrentActor, Roles, SecretInResponse } from '@passerelle/platform';
import { WEBHOOK_SETTINGS, WebhookEndpointStore, type WebhookSettings } from '@passerelle/webhooks';
import { RotateWebhookSecretRequest } from './rotate-webhook-secret.request.dto';

/**
 * A new secret, shown once. Until `previousSecretValidUntil` every delivery carries a signature
 * with each valid secret, so the receiver can switch without rejecting anything.
 */
@ApiTags('webhooks') @ApiBearerAuth()
@Controller('v1/webhooks')
export class RotateWebhookSecretController {
  constructor(private readonly endpoints: WebhookEndpointStore, @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings) {}

  @Post(':id/secret-rotation') @Roles('partner') @SecretInResponse('secret')
  async rotate(@Param('id', ParseUUIDPipe) id: string, @Body() body: RotateWebhookSecretRequest, @CurrentActor() actor: Actor) {
    const overlapMs = body.overlapSeconds !== undefined ? body.overlapSeconds * 1000 : this.settings.rotationOverlapMs;
    const rotated = await this.endpoints.rotateSecret(actor.organisationId, id, overlapMs);
    if (!rotated) throw notFound('WEBHOOK.NOT_FOUND', `No webhook endpoint ${id}.`);
    return { id, secret: rotated.secret, previousSecretValidUntil: rotated.previousValidUntil };
  }
}
