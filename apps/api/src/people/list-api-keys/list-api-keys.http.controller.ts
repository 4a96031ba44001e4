import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA } from '@passerelle/http';
import type { Actor } from '@passerelle/domain';
import { ListApiKeysQuery } from './list-api-keys.query';
import { API_KEYS, API_KEYS_EXAMPLE } from '../people.response';

@ApiTags('people and keys')
@Controller('v1/organisations')
export class ListApiKeysController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/api-keys')
  @Roles('org_admin', 'network_admin')
  @Operation('listApiKeys', {
    summary: 'The organisation’s machine keys (id, label, role, createdBy, createdAt, lastUsedAt, expiresAt), never a secret',
    responses: [{ status: 200, description: 'Its keys', body: API_KEYS, example: API_KEYS_EXAMPLE }],
    problems: [403, 404],
    path: { id: ORGANISATION_ID_SCHEMA },
  })
  list(@Param('id', OrganisationIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListApiKeysQuery(actor, id));
  }
}
