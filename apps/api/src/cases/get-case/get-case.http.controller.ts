import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { GetCaseQuery } from './get-case.query';
import { GetCaseRequest } from './get-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GetCaseController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId')
  @Roles(...ORGANISATION_ACTING_ROLES)
  get(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Query() query: GetCaseRequest, @CurrentActor() actor: Actor) {
    const minPosition = query.minPosition === undefined ? undefined : BigInt(query.minPosition);
    return this.queries.execute(new GetCaseQuery(caseId, actor, new Date(), minPosition));
  }
}
