import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { IdentifyPersonCommand } from './identify-person.command';
import { IdentifyPersonRequest } from './identify-person.request.dto';
import { CASE_IDENTIFIED, CASE_IDENTIFIED_EXAMPLE } from '../cases.response';
import { Operation } from '@passerelle/http';

@ApiTags('cases')
@HiddenFromNetworkAdmin()
@Controller('v1/cases')
export class IdentifyPersonController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('identifyCase', {
    summary: 'Identify a woman: open her case, her personal data sealed under a key of its own, with her first consent if given',
    responses: [{ status: 201, description: 'Her case is open', body: CASE_IDENTIFIED, example: CASE_IDENTIFIED_EXAMPLE }],
    problems: [403, 404, 409, 422],
    idempotent: true,
  })
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
