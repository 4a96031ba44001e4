import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { OrganisationIdPipe } from '@passerelle/http';
import type { Actor } from '@passerelle/domain';
import { ListApiKeysQuery } from './list-api-keys.query';

@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class ListApiKeysController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/api-keys')
  @Roles('org_admin', 'network_admin')
  @ApiOperation({
    summary: 'The organisation’s machine keys (id, label, role, createdBy, createdAt, lastUsedAt, expiresAt), never a secret',
  })
  list(@Param('id', OrganisationIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListApiKeysQuery(actor, id));
  }
}
