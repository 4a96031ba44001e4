import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { CancelPlaceRequestCommand } from './cancel-place-request.command';

@ApiTags('place-requests')
@ApiBearerAuth()
@Controller('v1/place-requests')
export class CancelPlaceRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/cancellation')
  @HttpCode(200)
  @Roles('partner')
  cancel(@Param('id', new ParseUUIDPipe()) id: string, @Context() context: CommandContext) {
    return this.commands.execute(new CancelPlaceRequestCommand({ placeRequestId: id }, context));
  }
}
