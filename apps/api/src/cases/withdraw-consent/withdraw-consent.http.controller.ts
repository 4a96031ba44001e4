import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentRequest } from './withdraw-consent.request.dto';
import { CONSENT_WITHDRAWN, CONSENT_WITHDRAWN_EXAMPLE } from '../cases.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class WithdrawConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/consents/:consentId/withdrawal')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('withdrawConsent', {
    summary: 'Record that she withdrew a consent: what it opened closes at once',
    responses: [{ status: 200, description: 'Her consent is withdrawn', body: CONSENT_WITHDRAWN, example: CONSENT_WITHDRAWN_EXAMPLE }],
    problems: [404, 409, 422],
    idempotent: true,
    path: { caseId: UUID, consentId: UUID },
  })
  withdraw(
    @Param('caseId', UuidPipe) caseId: string,
    @Param('consentId', UuidPipe) consentId: string,
    @Body() body: WithdrawConsentRequest,
    @Context() context: CommandContext,
  ) {
    return this.commands.execute(new WithdrawConsentCommand({ caseId, consentId, reason: body.reason ?? null }, context));
  }
}
