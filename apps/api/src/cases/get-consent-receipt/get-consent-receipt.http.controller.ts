import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { GetConsentReceiptQuery } from './get-consent-receipt.query';
import { HerDocumentRequest } from './get-consent-receipt.request.dto';
import { CONSENT_RECEIPT, CONSENT_RECEIPT_EXAMPLE } from '../cases.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GetConsentReceiptController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId/consent-receipt')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getConsentReceipt', {
    summary: 'Her consent receipt in her language (fr, en, ar, fa-AF, ps, ti): a printable document and an SMS text, for the holder only',
    responses: [{ status: 200, description: 'Her consent receipt', body: CONSENT_RECEIPT, example: CONSENT_RECEIPT_EXAMPLE }],
    problems: [404, 422],
    path: { caseId: UUID },
  })
  get(
    @Param('caseId', UuidPipe) caseId: string,
    @Query() query: HerDocumentRequest,
    @CurrentActor() actor: Actor,
    @Context() context: CommandContext,
  ) {
    return this.queries.execute(new GetConsentReceiptQuery(caseId, actor, query.lang, context.now));
  }
}
