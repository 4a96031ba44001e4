import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { MakePlaceRequestCommand } from './make-place-request.command';
import { MakePlaceRequestRequest } from './make-place-request.request.dto';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';

@ApiTags('place-requests')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/place-requests')
export class MakePlaceRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...ORGANISATION_ACTING_ROLES)
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
