import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ListWebhooksQuery } from './list-webhooks.query';
import { WEBHOOKS, WEBHOOKS_EXAMPLE } from '../webhooks.response';
import { Operation } from '@passerelle/http';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class ListWebhooksController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('listWebhooks', {
    summary: 'Your organisation’s webhook endpoints',
    responses: [{ status: 200, description: 'The endpoints', body: WEBHOOKS, example: WEBHOOKS_EXAMPLE }],
  })
  list(@CurrentActor() actor: Actor) {
    return this.queries.execute(new ListWebhooksQuery(actor));
  }
}
