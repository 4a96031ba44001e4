import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { GetAccessReportQuery } from './get-access-report.query';
import { HerDocumentRequest } from './get-access-report.request.dto';
import { ACCESS_REPORT, ACCESS_REPORT_EXAMPLE } from '../cases.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GetAccessReportController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId/access-report')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getAccessReport', {
    summary:
      'Her access report (GDPR art. 15) in her language: every organisation that opened her data, when, which categories; a printable document and an SMS text, for the holder only',
    responses: [{ status: 200, description: 'Her access report', body: ACCESS_REPORT, example: ACCESS_REPORT_EXAMPLE }],
    problems: [404, 422],
    path: { caseId: UUID },
  })
  get(
    @Param('caseId', UuidPipe) caseId: string,
    @Query() query: HerDocumentRequest,
    @CurrentActor() actor: Actor,
    @Context() context: CommandContext,
  ) {
    return this.queries.execute(new GetAccessReportQuery(caseId, actor, query.lang, context.now));
  }
}
