import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { ListDeliveryAttemptsQuery } from './list-delivery-attempts.query';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class ListDeliveryAttemptsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/deliveries/:eventId/attempts')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @ApiOperation({
    operationId: 'listWebhookDeliveryAttempts',
    summary: 'Every attempt of one delivery: time, response status or network error, duration (kept 30 days; never the body)',
  })
  @ApiOkResponse({ description: '{ "items": [ { "at", "status"?, "error"?, "durationMs" } ] }, oldest first' })
  list(@Param('id', ParseUUIDPipe) id: string, @Param('eventId', ParseUUIDPipe) eventId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListDeliveryAttemptsQuery(actor, id, eventId));
  }
}
