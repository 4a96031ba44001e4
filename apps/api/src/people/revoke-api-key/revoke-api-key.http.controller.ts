import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA, UUID, UuidPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@ApiTags('people and keys')
@Controller('v1/organisations')
export class RevokeApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/api-keys/:keyId')
  @HttpCode(204)
  @Roles('org_admin', 'network_admin')
  @Operation('revokeApiKey', {
    summary: 'Revoke a machine key: refused everywhere within one second',
    responses: [{ status: 204, description: 'The key is revoked' }],
    problems: [403, 404],
    idempotent: true,
    path: { id: ORGANISATION_ID_SCHEMA, keyId: UUID },
  })
  async revoke(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('keyId', UuidPipe) keyId: string,
    @Context() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new RevokeApiKeyCommand({ organisationId: id, keyId }, context));
  }
}
