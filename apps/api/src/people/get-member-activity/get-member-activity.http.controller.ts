import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { OrganisationIdPipe, Operation, ORGANISATION_ID_SCHEMA, UUID, UuidPipe } from '@passerelle/http';
import type { Actor } from '@passerelle/domain';
import { GetMemberActivityQuery } from './get-member-activity.query';
import { GetMemberActivityRequest } from './get-member-activity.request.dto';
import { MEMBER_ACTIVITY, MEMBER_ACTIVITY_EXAMPLE } from '../people.response';

@ApiTags('people and keys')
@Controller('v1/organisations')
export class GetMemberActivityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/members/:personId/activity')
  @Roles('org_admin', 'network_admin')
  @Operation('getMemberActivity', {
    summary: 'What one of the organisation’s people opened and did (for its org_admins)',
    responses: [{ status: 200, description: 'Her activity, newest first', body: MEMBER_ACTIVITY, example: MEMBER_ACTIVITY_EXAMPLE }],
    problems: [403, 404],
    path: { id: ORGANISATION_ID_SCHEMA, personId: UUID },
  })
  activity(
    @Param('id', OrganisationIdPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
    @Query() query: GetMemberActivityRequest,
    @CurrentActor() actor: Actor,
  ) {
    return this.queries.execute(new GetMemberActivityQuery(actor, id, personId, query.limit ?? 50));
  }
}
