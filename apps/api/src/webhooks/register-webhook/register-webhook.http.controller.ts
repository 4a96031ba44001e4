import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Operation } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RegisterWebhookCommand } from './register-webhook.command';
import { RegisterWebhookRequest } from './register-webhook.request.dto';
import { WEBHOOK_REGISTERED, WEBHOOK_REGISTERED_EXAMPLE } from '../webhooks.response';

/** The secret is shown once; an Idempotency-Key replay of this request omits it. */
@ApiTags('webhooks')
@Controller('v1/webhooks')
export class RegisterWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('registerWebhook', {
    summary: 'Register an endpoint for your organisation’s events (Standard Webhooks signatures; the secret is shown once)',
    responses: [
      { status: 201, description: 'The endpoint, with its secret', body: WEBHOOK_REGISTERED, example: WEBHOOK_REGISTERED_EXAMPLE },
    ],
    problems: [409, 422],
    idempotent: { secrets: ['secret'], wholeAnswer: 'the endpoint as its organisation configured it: about no person' },
  })
  register(@Body() body: RegisterWebhookRequest, @Context() context: CommandContext) {
    return this.commands.execute(new RegisterWebhookCommand(context, body.url, body.events));
  }
}
