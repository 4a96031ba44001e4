import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/platform';
import { DeliveryLog, WebhookEndpointStore } from '@passerelle/webhooks';
import { ownEndpoint } from '../webhook.view';
import { ListDeliveriesRequest } from './list-deliveries.request.dto';

/** The delivery log, newest event first: status, attempts, last response code, next attempt, dead letters. */
@ApiTags('webhooks') @ApiBearerAuth()
@Controller('v1/webhooks')
export class ListDeliveriesController {
  constructor(private readonly endpoints: WebhookEndpointStore, private readonly log: DeliveryLog) {}

  @Get(':id/deliveries') @Roles('partner')
  async list(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListDeliveriesRequest, @CurrentActor() actor: Actor) {
    const endpoint = await ownEndpoint(this.endpoints, actor.organisationId, id);
    return this.log.list(endpoint.id, {
      status: query.status,
      before: query.cursor === undefined ? undefined : BigInt(query.cursor),
      limit: query.limit ?? 50,
    });
  }
}
