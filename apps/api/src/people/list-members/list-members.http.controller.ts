import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { OrganisationIdPipe } from '@passerelle/http';
import type { Actor } from '@passerelle/domain';
import { ListMembersQuery } from './list-members.query';

@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class ListMembersController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/members')
  @Roles('org_admin', 'network_admin')
  @ApiOperation({ summary: 'The organisation’s people and pending invitations' })
  list(@Param('id', OrganisationIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ListMembersQuery(actor, id));
  }
}
