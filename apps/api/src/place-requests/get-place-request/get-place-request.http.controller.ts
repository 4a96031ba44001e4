import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { GetPlaceRequestQuery } from './get-place-request.query';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';

@ApiTags('place-requests')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/place-requests')
export class GetPlaceRequestController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @ApiOperation({ summary: 'The sender’s place request: its status, who accepted, each recipient’s answer and response time' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @Context() context: CommandContext) {
    return this.queries.execute(new GetPlaceRequestQuery(id, context.actor, context.now));
  }
}
