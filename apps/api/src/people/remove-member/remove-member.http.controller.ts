import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA, UUID, UuidPipe } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RemoveMemberCommand } from './remove-member.command';

@ApiTags('people and keys')
@Controller('v1/organisations')
export class RemoveMemberController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id/members/:personId')
  @HttpCode(204)
  @Roles('org_admin', 'network_admin')
  @Operation('removeMember', {
    summary: 'Remove a person (or cancel her invitation): her sessions end everywhere within one second',
    responses: [{ status: 204, description: 'She is removed' }],
    problems: [403, 404, 409],
    idempotent: true,
    path: { id: ORGANISATION_ID_SCHEMA, personId: UUID },
  })
  async remove(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
    @Context() context: CommandContext,
  ): Promise<void> {
    await this.commands.execute(new RemoveMemberCommand({ organisationId: id, personId }, context));
  }
}
