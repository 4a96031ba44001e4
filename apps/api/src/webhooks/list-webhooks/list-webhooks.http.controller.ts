import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ListWebhooksQuery } from './list-webhooks.query';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class ListWebhooksController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ORGANISATION_ACTING_ROLES)
  list(@CurrentActor() actor: Actor) {
    return this.queries.execute(new ListWebhooksQuery(actor));
  }
}
