import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles, HiddenFromNetworkAdmin } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { MakePlaceRequestCommand } from './make-place-request.command';
import { MakePlaceRequestRequest } from './make-place-request.request.dto';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { PLACE_REQUEST_MADE, PLACE_REQUEST_MADE_EXAMPLE } from '../place-requests.response';
import { Operation } from '@passerelle/http';

@ApiTags('place-requests')
@HiddenFromNetworkAdmin()
@Controller('v1/place-requests')
export class MakePlaceRequestController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('makePlaceRequest', {
    summary: 'Ask several shelters at once for a place for her: one referral each, the first to accept places her',
    responses: [{ status: 201, description: 'The place request is open', body: PLACE_REQUEST_MADE, example: PLACE_REQUEST_MADE_EXAMPLE }],
    problems: [404, 409, 422],
    idempotent: true,
  })
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
