import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, problem, ProblemException, Roles } from '@passerelle/platform';
import { ReplayQueue, WebhookEndpointStore } from '@passerelle/webhooks';
import { ownEndpoint } from '../webhook.view';
import { ReplayWebhookRequest } from './replay-webhook.request.dto';

/**
 * Queues again what the endpoint's organisation may see from a position or a time, up to now;
 * the dispatcher sends it with a fresh retry schedule. Also re-enables a disabled endpoint.
 */
@ApiTags('webhooks') @ApiBearerAuth()
@Controller('v1/webhooks')
export class ReplayWebhookController {
  constructor(private readonly endpoints: WebhookEndpointStore, private readonly replays: ReplayQueue) {}

  @Post(':id/replay') @Roles('partner') @HttpCode(202)
  async replay(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReplayWebhookRequest, @CurrentActor() actor: Actor) {
    if ((body.fromPosition === undefined) === (body.since === undefined)) {
      throw new ProblemException(problem(400, 'REQUEST.VALIDATION', 'Invalid request', 'Give either fromPosition or since.', {
        errors: [{ field: 'fromPosition', message: 'exactly one of fromPosition and since is required' }],
      }));
    }
    const endpoint = await ownEndpoint(this.endpoints, actor.organisationId, id);
    const start = body.fromPosition !== undefined ? { fromPosition: BigInt(body.fromPosition) } : { since: new Date(body.since!) };
    const result = await this.replays.replay(endpoint.id, start);
    return { id: endpoint.id, ...body, queued: result.queued, toPosition: result.toPosition };
  }
}
