import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { CancelPlaceRequestCommand } from './cancel-place-request.command';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';

@ApiTags('place-requests')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/place-requests')
export class CancelPlaceRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles(...ORGANISATION_ACTING_ROLES)
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @Context() context: CommandContext) {
    return this.commands.execute(new CancelPlaceRequestCommand({ placeRequestId: id }, context));
  }
}
