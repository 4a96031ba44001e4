import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { Operation, UUID, UuidPipe } from '@passerelle/http';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';
import { RotateWebhookSecretRequest } from './rotate-webhook-secret.request.dto';
import { SECRET_ROTATED, SECRET_ROTATED_EXAMPLE } from '../webhooks.response';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class RotateWebhookSecretController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/secret-rotation')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('rotateWebhookSecret', {
    summary: 'A new signing secret (shown once); the old one still signs during the overlap',
    responses: [{ status: 201, description: 'The new secret', body: SECRET_ROTATED, example: SECRET_ROTATED_EXAMPLE }],
    problems: [404, 409, 422],
    idempotent: { secrets: ['secret'] },
    path: { id: UUID },
  })
  rotate(@Param('id', UuidPipe) id: string, @Body() body: RotateWebhookSecretRequest, @CurrentActor() actor: Actor) {
    return this.commands.execute(new RotateWebhookSecretCommand(actor, id, body.overlapSeconds));
  }
}
