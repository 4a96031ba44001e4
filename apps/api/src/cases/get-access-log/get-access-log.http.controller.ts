import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { GetAccessLogQuery } from './get-access-log.query';
import { GetAccessLogRequest } from './get-access-log.request.dto';
import { ACCESS_LOG, ACCESS_LOG_EXAMPLE } from '../cases.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GetAccessLogController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId/access-log')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getAccessLog', {
    summary: 'Who opened her personal fields (key, organisation, time, categories): the holder only',
    responses: [{ status: 200, description: 'A page of her access log, newest first', body: ACCESS_LOG, example: ACCESS_LOG_EXAMPLE }],
    problems: [404],
    path: { caseId: UUID },
  })
  list(@Param('caseId', UuidPipe) caseId: string, @Query() query: GetAccessLogRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetAccessLogQuery(caseId, actor, query.cursor, query.limit ?? 100));
  }
}
