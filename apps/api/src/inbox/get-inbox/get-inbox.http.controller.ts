import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { GetInboxQuery } from './get-inbox.query';
import { GetInboxRequest } from './get-inbox.request.dto';

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('v1/inbox')
export class GetInboxController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('partner')
  list(@Query() query: GetInboxRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new GetInboxQuery(actor, new Date(), {
        direction: query.direction ?? 'received',
        status: query.status,
        cursor: query.cursor,
        limit: query.limit ?? 20,
        minPosition: query.minPosition === undefined ? undefined : BigInt(query.minPosition),
      }),
    );
  }
}
