import { Body, Controller, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { problem, ProblemException, Roles, SecretInResponse } from '@passerelle/platform';
import { checkWebhookUrl, WEBHOOK_SETTINGS, WebhookEndpointStore, type WebhookSettings } from '@passerelle/webhooks';
import { Context, type CommandContext } from '../../shared/command-context';
import { webhookView } from '../webhook.view';
import { RegisterWebhookRequest } from './register-webhook.request.dto';

/**
 * Endpoints are configuration, not facts of the referral network: they live in their own table,
 * never in an event. The secret is shown here once; an Idempotency-Key replay omits it.
 */
@ApiTags('webhooks') @ApiBearerAuth()
@Controller('v1/webhooks')
export class RegisterWebhookController {
  constructor(
    private readonly endpoints: WebhookEndpointStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WEBHOOK_SETTINGS) private readonly settings: WebhookSettings,
  ) {}

  @Post() @Roles('partner') @SecretInResponse('secret')
  async register(@Body() body: RegisterWebhookRequest, @Context() context: CommandContext) {
    const verdict = await checkWebhookUrl(body.url, { allowLoopback: this.settings.allowLoopback });
    if (!verdict.ok) {
      throw new ProblemException(problem(422, verdict.code, 'Webhook URL refused', verdict.reason, { errors: [{ field: 'url', message: verdict.reason }] }));
    }
    const { endpoint, secret } = await this.endpoints.register({
      id: context.ids.next('webhook'),
      organisationId: context.actor.organisationId,
      url: verdict.url.toString(),
      events: body.events.includes('*') ? ['*'] : body.events,
      headPosition: await this.store.headPosition(),
    });
    return { ...webhookView(endpoint), secret };
  }
}
