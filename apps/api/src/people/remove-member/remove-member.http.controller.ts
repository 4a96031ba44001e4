import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RemoveMemberCommand } from './remove-member.command';

@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class RemoveMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/members/:personId')
  @HttpCode(204)
  @Roles('org_admin', 'network_admin')
  @ApiOperation({ summary: 'Remove a person (or cancel her invitation): her sessions end everywhere within one second' })
  async remove(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('personId') personId: string,
    @Context() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new RemoveMemberCommand({ organisationId: id, personId }, context));
  }
}
