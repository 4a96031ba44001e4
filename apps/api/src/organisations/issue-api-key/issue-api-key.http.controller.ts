import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import type { Actor } from '@passerelle/domain';
import { OrganisationIdPipe, SecretInResponse } from '@passerelle/http';
import { IssueApiKeyCommand } from './issue-api-key.command';
import { IssueApiKeyRequest } from './issue-api-key.request.dto';

/** The key is shown once; an Idempotency-Key replay of this request omits it. */
@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class IssueApiKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/api-keys')
  @Roles('admin')
  @SecretInResponse('key')
  issue(@Param('id', OrganisationIdPipe) id: string, @Body() body: IssueApiKeyRequest, @CurrentActor() actor: Actor) {
    return this.commands.execute(new IssueApiKeyCommand(actor, id, body.role));
  }
}
