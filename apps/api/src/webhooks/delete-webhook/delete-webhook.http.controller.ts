import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { DeleteWebhookCommand } from './delete-webhook.command';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class DeleteWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @HttpCode(204)
  @Operation('deleteWebhook', {
    summary: 'Delete an endpoint: nothing more is delivered to it',
    responses: [{ status: 204, description: 'The endpoint is deleted' }],
    problems: [404],
    idempotent: true,
    path: { id: UUID },
  })
  async remove(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor): Promise<void> {
    await this.commands.execute(new DeleteWebhookCommand(actor, id));
  }
}
