import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { GetPlaceRequestQuery } from './get-place-request.query';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { PLACE_REQUEST, PLACE_REQUEST_EXAMPLE } from '../place-requests.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('place-requests')
@HiddenFromNetworkAdmin()
@Controller('v1/place-requests')
export class GetPlaceRequestController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getPlaceRequest', {
    summary: 'The sender’s place request: its status, who accepted, each recipient’s answer and response time',
    responses: [{ status: 200, description: 'The place request', body: PLACE_REQUEST, example: PLACE_REQUEST_EXAMPLE }],
    problems: [404],
    path: { id: UUID },
  })
  get(@Param('id', UuidPipe) id: string, @Context() context: CommandContext) {
    return this.queries.execute(new GetPlaceRequestQuery(id, context.actor, context.now));
  }
}
