import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RevokeApiKeyCommand } from './revoke-api-key.command';

@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class RevokeApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/api-keys/:keyId')
  @HttpCode(204)
  @Roles('org_admin', 'network_admin')
  @ApiOperation({ summary: 'Revoke a machine key: refused everywhere within one second' })
  async revoke(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('keyId') keyId: string,
    @Context() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new RevokeApiKeyCommand({ organisationId: id, keyId }, context));
  }
}
