import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actorRef } from '@passerelle/domain';
import { DeliveryLog, ReplayQueue, WebhookEndpointStore, type ReplayStart } from '@passerelle/webhooks';
import { ownEndpoint } from '../webhook.view';
import { ReplayWebhookCommand } from './replay-webhook.command';

/**
 * Queues again what the endpoint's organisation may see from a position or a time, up to now;
 * the dispatcher sends it with a fresh retry schedule and the same webhook-id, so a receiver that
 * deduplicates sees no double. Also re-enables a disabled endpoint.
 */
@CommandHandler(ReplayWebhookCommand)
export class ReplayWebhookHandler implements ICommandHandler<ReplayWebhookCommand> {
  constructor(
    private readonly endpoints: WebhookEndpointStore,
    private readonly replays: ReplayQueue,
    private readonly log: DeliveryLog,
  ) {}

  async execute({ actor, webhookId, start }: ReplayWebhookCommand) {
    const endpoint = await ownEndpoint(this.endpoints, actor.organisationId, webhookId);
    const result = await this.replays.replay(endpoint.id, start);
    await this.log.recordAction(endpoint.id, actor.organisationId, 'replayed', actorRef(actor), {
      ...startView(start),
      queued: result.queued,
    });
    return { id: endpoint.id, ...startView(start), queued: result.queued, toPosition: result.toPosition };
  }
}

const startView = (start: ReplayStart) =>
  'fromPosition' in start ? { fromPosition: start.fromPosition.toString() } : { since: start.since.toISOString() };
