import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { RegisterOrganisationCommand } from './register-organisation.command';
import { RegisterOrganisationRequest } from './register-organisation.request.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class RegisterOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('network_admin')
  register(@Body() body: RegisterOrganisationRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new RegisterOrganisationCommand(
        {
          id: body.id,
          name: body.name,
          kind: body.kind,
          department: body.department,
          services: body.services,
          contact: body.contact ? { phone: body.contact.phone ?? null, email: body.contact.email ?? null } : undefined,
        },
        context,
      ),
    );
  }
}
