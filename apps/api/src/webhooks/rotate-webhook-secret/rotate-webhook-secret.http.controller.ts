import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { SecretInResponse } from '@passerelle/http';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';
import { RotateWebhookSecretRequest } from './rotate-webhook-secret.request.dto';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class RotateWebhookSecretController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/secret-rotation')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @SecretInResponse('secret')
  rotate(@Param('id', ParseUUIDPipe) id: string, @Body() body: RotateWebhookSecretRequest, @CurrentActor() actor: Actor) {
    return this.commands.execute(new RotateWebhookSecretCommand(actor, id, body.overlapSeconds));
  }
}
