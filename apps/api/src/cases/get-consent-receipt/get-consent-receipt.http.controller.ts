import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { GetConsentReceiptQuery } from './get-consent-receipt.query';
import { HerDocumentRequest } from './get-consent-receipt.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GetConsentReceiptController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':caseId/consent-receipt')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @ApiOperation({
    summary: 'Her consent receipt in her language (fr, en, ar, fa-AF, ps, ti): a printable document and an SMS text, for the holder only',
  })
  get(
    @Param('caseId', new ParseUUIDPipe()) caseId: string,
    @Query() query: HerDocumentRequest,
    @CurrentActor() actor: Actor,
    @Context() context: CommandContext,
  ) {
    return this.queries.execute(new GetConsentReceiptQuery(caseId, actor, query.lang, context.now));
  }
}
