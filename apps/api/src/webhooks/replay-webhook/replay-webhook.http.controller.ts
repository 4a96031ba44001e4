import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ReplayWebhookCommand } from './replay-webhook.command';
import { ReplayWebhookRequest } from './replay-webhook.request.dto';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class ReplayWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/replay')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @HttpCode(202)
  replay(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReplayWebhookRequest, @CurrentActor() actor: Actor) {
    return this.commands.execute(new ReplayWebhookCommand(actor, id, replayStart(body)));
  }
}

/** The request DTO guarantees exactly one of the two (replay-webhook.request.dto.ts). */
function replayStart({ fromPosition, since }: ReplayWebhookRequest) {
  if (fromPosition !== undefined) return { fromPosition: BigInt(fromPosition) };
  if (since !== undefined) return { since: new Date(since) };
  throw new Error('A replay request without fromPosition or since passed validation');
}
