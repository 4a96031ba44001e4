import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { GetCaseQuery } from './get-case.query';
import { GetCaseRequest } from './get-case.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class GetCaseController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId')
  @Roles('partner')
  get(@Param('caseId', new ParseUUIDPipe()) caseId: string, @Query() query: GetCaseRequest, @CurrentActor() actor: Actor) {
    const minPosition = query.minPosition === undefined ? undefined : BigInt(query.minPosition);
    return this.queries.execute(new GetCaseQuery(caseId, actor, new Date(), minPosition));
  }
}
