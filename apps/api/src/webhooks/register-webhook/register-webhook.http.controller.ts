import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { ReplayWholeAnswer, SecretInResponse } from '@passerelle/http';
import { Context, type CommandContext } from '../../shared/command-context';
import { RegisterWebhookCommand } from './register-webhook.command';
import { RegisterWebhookRequest } from './register-webhook.request.dto';

/** The secret is shown once; an Idempotency-Key replay of this request omits it. */
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks')
export class RegisterWebhookController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @SecretInResponse('secret')
  @ReplayWholeAnswer('the endpoint as its organisation configured it: about no person')
  register(@Body() body: RegisterWebhookRequest, @Context() context: CommandContext) {
    return this.commands.execute(new RegisterWebhookCommand(context, body.url, body.events));
  }
}
