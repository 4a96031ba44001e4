import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { CancelPlaceRequestCommand } from './cancel-place-request.command';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { PLACE_REQUEST_CANCELLED, PLACE_REQUEST_CANCELLED_EXAMPLE } from '../place-requests.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('place-requests')
@HiddenFromNetworkAdmin()
@Controller('v1/place-requests')
export class CancelPlaceRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('cancelPlaceRequest', {
    summary: 'Cancel an open place request: its referrals still waiting are withdrawn',
    responses: [
      {
        status: 200,
        description: 'The place request is cancelled',
        body: PLACE_REQUEST_CANCELLED,
        example: PLACE_REQUEST_CANCELLED_EXAMPLE,
      },
    ],
    problems: [403, 404, 409, 422],
    idempotent: true,
    path: { id: UUID },
  })
  cancel(@Param('id', UuidPipe) id: string, @Context() context: CommandContext) {
    return this.commands.execute(new CancelPlaceRequestCommand({ placeRequestId: id }, context));
  }
}
