import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ReplayWebhookCommand } from './replay-webhook.command';
import { ReplayWebhookRequest } from './replay-webhook.request.dto';

@ApiTags('webhooks') @ApiBearerAuth()
@Controller('v1/webhooks')
export class ReplayWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/replay') @Roles('partner') @HttpCode(202)
  replay(@Param('id', ParseUUIDPipe) id: string, @Body() body: ReplayWebhookRequest, @CurrentActor() actor: Actor) {
    // The request DTO guarantees exactly one of the two.
    const start = body.fromPosition !== undefined ? { fromPosition: BigInt(body.fromPosition) } : { since: new Date(body.since!) };
    return this.commands.execute(new ReplayWebhookCommand(actor, id, start));
  }
}
