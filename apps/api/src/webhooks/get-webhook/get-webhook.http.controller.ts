import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { GetWebhookQuery } from './get-webhook.query';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class GetWebhookController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('partner')
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetWebhookQuery(actor, id));
  }
}
