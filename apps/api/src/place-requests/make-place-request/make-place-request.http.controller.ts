import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { MakePlaceRequestCommand } from './make-place-request.command';
import { MakePlaceRequestRequest } from './make-place-request.request.dto';

@ApiTags('place-requests')
@ApiBearerAuth()
@Controller('v1/place-requests')
export class MakePlaceRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('partner')
  make(@Body() body: MakePlaceRequestRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new MakePlaceRequestCommand(
        {
          caseId: body.caseId,
          to: body.to,
          service: body.service,
          urgency: body.urgency,
          sharedCategories: body.sharedCategories,
          message: body.message ?? null,
          respondBy: body.respondBy ?? null,
        },
        context,
      ),
    );
  }
}
