import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA } from '@passerelle/http';
import type { Actor } from '@passerelle/domain';
import { ListMembersQuery } from './list-members.query';
import { MEMBERS, MEMBERS_EXAMPLE } from '../people.response';

@ApiTags('people and keys')
@Controller('v1/organisations')
export class ListMembersController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/members')
  @Roles('org_admin', 'network_admin')
  @Operation('listMembers', {
    summary: 'The organisation’s people and pending invitations',
    responses: [{ status: 200, description: 'Its people', body: MEMBERS, example: MEMBERS_EXAMPLE }],
    problems: [403, 404],
    path: { id: ORGANISATION_ID_SCHEMA },
  })
  list(@Param('id', OrganisationIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListMembersQuery(actor, id));
  }
}
