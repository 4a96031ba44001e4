import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { GetWebhookQuery } from './get-webhook.query';
import { WEBHOOK, WEBHOOK_EXAMPLE } from '../webhooks.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class GetWebhookController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getWebhook', {
    summary: 'One of your organisation’s webhook endpoints',
    responses: [{ status: 200, description: 'The endpoint', body: WEBHOOK, example: WEBHOOK_EXAMPLE }],
    problems: [404],
    path: { id: UUID },
  })
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetWebhookQuery(actor, id));
  }
}
