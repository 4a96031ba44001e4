import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { GetInboxQuery } from './get-inbox.query';
import { GetInboxRequest } from './get-inbox.request.dto';
import { INBOX, INBOX_EXAMPLE } from '../inbox.response';
import { Operation } from '@passerelle/http';

@ApiTags('inbox')
@HiddenFromNetworkAdmin()
@Controller('v1/inbox')
export class GetInboxController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getInbox', {
    summary: 'Referrals received (or sent) by your organisation, newest first, a page at a time',
    responses: [{ status: 200, description: 'A page of the inbox', body: INBOX, example: INBOX_EXAMPLE }],
    problems: [404],
  })
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
