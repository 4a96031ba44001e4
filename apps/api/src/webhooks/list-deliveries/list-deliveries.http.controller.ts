import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ListDeliveriesQuery } from './list-deliveries.query';
import { ListDeliveriesRequest } from './list-deliveries.request.dto';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class ListDeliveriesController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/deliveries')
  @Roles(...ORGANISATION_ACTING_ROLES)
  list(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListDeliveriesRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new ListDeliveriesQuery(actor, id, {
        status: query.status,
        before: query.cursor === undefined ? undefined : BigInt(query.cursor),
        limit: query.limit ?? 50,
      }),
    );
  }
}
