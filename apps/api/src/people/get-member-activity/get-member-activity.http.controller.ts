import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { OrganisationIdPipe } from '@passerelle/http';
import type { Actor } from '@passerelle/domain';
import { GetMemberActivityQuery } from './get-member-activity.query';
import { GetMemberActivityRequest } from './get-member-activity.request.dto';

@ApiTags('people and keys')
@ApiBearerAuth()
@Controller('v1/organisations')
export class GetMemberActivityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/members/:personId/activity')
  @Roles('org_admin', 'network_admin')
  @ApiOperation({ summary: 'What one of the organisation’s people opened and did (for its org_admins)' })
  activity(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('personId') personId: string,
    @Query() query: GetMemberActivityRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetMemberActivityQuery(actor, id, personId, query.limit ?? 50));
  }
}
