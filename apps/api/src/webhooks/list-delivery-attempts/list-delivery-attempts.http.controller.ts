import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { ListDeliveryAttemptsQuery } from './list-delivery-attempts.query';
import { ATTEMPTS, ATTEMPTS_EXAMPLE } from '../webhooks.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class ListDeliveryAttemptsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/deliveries/:eventId/attempts')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('listWebhookDeliveryAttempts', {
    summary: 'Every attempt of one delivery, oldest first: when, the status or why no answer came, how long it took',
    responses: [{ status: 200, description: 'The attempts', body: ATTEMPTS, example: ATTEMPTS_EXAMPLE }],
    problems: [404],
    path: { id: UUID, eventId: UUID },
  })
  list(@Param('id', UuidPipe) id: string, @Param('eventId', UuidPipe) eventId: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListDeliveryAttemptsQuery(actor, id, eventId));
  }
}
