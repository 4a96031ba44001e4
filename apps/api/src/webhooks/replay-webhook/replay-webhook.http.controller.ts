import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ReplayWebhookCommand } from './replay-webhook.command';
import { ReplayWebhookRequest } from './replay-webhook.request.dto';
import { REPLAY_QUEUED, REPLAY_QUEUED_EXAMPLE } from '../webhooks.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class ReplayWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/replay')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @HttpCode(202)
  @Operation('replayWebhook', {
    summary: 'Deliver again every event from a position or an instant on (to rebuild a partner’s copy)',
    responses: [{ status: 202, description: 'The events are queued', body: REPLAY_QUEUED, example: REPLAY_QUEUED_EXAMPLE }],
    problems: [404, 409, 422],
    idempotent: true,
    path: { id: UUID },
  })
  replay(@Param('id', UuidPipe) id: string, @Body() body: ReplayWebhookRequest, @CurrentActor() actor: Actor) {
    return this.commands.execute(new ReplayWebhookCommand(actor, id, replayStart(body)));
  }
}

/** The request DTO guarantees exactly one of the two (replay-webhook.request.dto.ts). */
function replayStart({ fromPosition, since }: ReplayWebhookRequest) {
  if (fromPosition !== undefined) return { fromPosition: BigInt(fromPosition) };
  if (since !== undefined) return { since: new Date(since) };
  throw new Error('A replay request without fromPosition or since passed validation');
}
