import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ListDeliveriesQuery } from './list-deliveries.query';
import { ListDeliveriesRequest } from './list-deliveries.request.dto';
import { DELIVERIES, DELIVERIES_EXAMPLE } from '../webhooks.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class ListDeliveriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/deliveries')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('listWebhookDeliveries', {
    summary: 'The endpoint’s deliveries, newest event first, and who acted on it',
    responses: [{ status: 200, description: 'A page of deliveries', body: DELIVERIES, example: DELIVERIES_EXAMPLE }],
    problems: [404],
    path: { id: UUID },
  })
  list(@Param('id', UuidPipe) id: string, @Query() query: ListDeliveriesRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new ListDeliveriesQuery(actor, id, {
        status: query.status,
        before: query.cursor === undefined ? undefined : BigInt(query.cursor),
        limit: query.limit ?? 50,
      }),
    );
  }
}
