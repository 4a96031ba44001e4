import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { ConsentRequest } from '../consent.request.dto';
import { GrantConsentCommand } from './grant-consent.command';
import { CONSENT_GRANTED, CONSENT_GRANTED_EXAMPLE } from '../cases.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class GrantConsentController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':caseId/consents')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('grantConsent', {
    summary: 'Record a consent she gave: to whom, for which categories of her data and which purposes, until when',
    responses: [{ status: 201, description: 'Her consent is recorded', body: CONSENT_GRANTED, example: CONSENT_GRANTED_EXAMPLE }],
    problems: [404, 409, 422],
    idempotent: true,
    path: { caseId: UUID },
  })
  grant(@Param('caseId', UuidPipe) caseId: string, @Body() body: ConsentRequest, @Context() context: CommandContext) {
    return this.commands.execute(new GrantConsentCommand({ caseId, consent: body }, context));
  }
}
