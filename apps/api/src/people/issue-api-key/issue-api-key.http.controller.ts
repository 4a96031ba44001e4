import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe, SecretInResponse } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { IssueApiKeyCommand } from './issue-api-key.command';
import { IssueApiKeyRequest } from './issue-api-key.request.dto';

/** The key is shown once; an Idempotency-Key replay of this request omits it. */
@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class IssueApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/api-keys')
  @Roles('org_admin', 'network_admin')
  @SecretInResponse('key')
  @ApiOperation({ summary: 'Issue a machine key (shown once): the organisation’s org_admin, or the network admin while it has none' })
  issue(@Param('id', OrganisationIdPipe) id: string, @Body() body: IssueApiKeyRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new IssueApiKeyCommand({ organisationId: id, role: body.role, label: body.label ?? '', expiresAt: body.expiresAt ?? null }, context),
    );
  }
}
