import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { IdentifyPersonCommand } from './identify-person.command';
import { IdentifyPersonRequest } from './identify-person.request.dto';

@ApiTags('cases')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class IdentifyPersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...ORGANISATION_ACTING_ROLES)
  identify(@Body() body: IdentifyPersonRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new IdentifyPersonCommand(
        {
          person: body.person,
          level: body.level,
          indicators: body.indicators,
          department: body.department,
          ageBand: body.ageBand,
          safety: { doNotContact: body.safety.doNotContact, safeChannel: body.safety.safeChannel },
          consent: body.consent ?? null,
        },
        context,
      ),
    );
  }
}
