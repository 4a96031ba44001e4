import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { GetCaseQuery } from './get-case.query';
import { GetCaseRequest } from './get-case.request.dto';
import { CASE_VIEW, CASE_EXAMPLE } from '../cases.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GetCaseController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getCase', {
    summary: 'Her case as this reader may see it: the holder sees all, a receiver only what her consent and its referrals open',
    responses: [{ status: 200, description: 'Her case', body: CASE_VIEW, example: CASE_EXAMPLE }],
    problems: [404],
    path: { caseId: UUID },
  })
  get(@Param('caseId', UuidPipe) caseId: string, @Query() query: GetCaseRequest, @CurrentActor() actor: Actor) {
    const minPosition = query.minPosition === undefined ? undefined : BigInt(query.minPosition);
    return this.queries.execute(new GetCaseQuery(caseId, actor, new Date(), minPosition));
  }
}
