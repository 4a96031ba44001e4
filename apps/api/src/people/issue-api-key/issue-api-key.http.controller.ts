import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { IssueApiKeyCommand } from './issue-api-key.command';
import { IssueApiKeyRequest } from './issue-api-key.request.dto';
import { API_KEY_ISSUED, API_KEY_ISSUED_EXAMPLE } from '../people.response';

/** The key is shown once; an Idempotency-Key replay of this request omits it. */
@ApiTags('people and keys')
@Controller('v1/organisations')
export class IssueApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/api-keys')
  @Roles('org_admin', 'network_admin')
  @Operation('issueApiKey', {
    summary: 'Issue a machine key (shown once): the organisation’s org_admin, or the network admin while it has none',
    responses: [{ status: 201, description: 'The key, shown once', body: API_KEY_ISSUED, example: API_KEY_ISSUED_EXAMPLE }],
    problems: [403, 404, 409, 422],
    idempotent: { secrets: ['key'] },
    path: { id: ORGANISATION_ID_SCHEMA },
  })
  issue(@Param('id', OrganisationIdPipe) id: string, @Body() body: IssueApiKeyRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new IssueApiKeyCommand({ organisationId: id, role: body.role, label: body.label ?? '', expiresAt: body.expiresAt ?? null }, context),
    );
  }
}
