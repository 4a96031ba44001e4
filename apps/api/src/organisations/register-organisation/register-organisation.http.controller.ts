import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/auth';
import { Context, type CommandContext } from '../../shared/command-context';
import { RegisterOrganisationCommand } from './register-organisation.command';
import { RegisterOrganisationRequest } from './register-organisation.request.dto';
import { ORGANISATION_REGISTERED, ORGANISATION_REGISTERED_EXAMPLE } from '../organisations.response';
import { Operation } from '@passerelle/http';

@ApiTags('organisations')
@Controller('v1/organisations')
export class RegisterOrganisationController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('network_admin')
  @Operation('registerOrganisation', {
    summary: 'Register an organisation of the network: its kind, département and services (the network admin)',
    responses: [
      {
        status: 201,
        description: 'The organisation is registered',
        body: ORGANISATION_REGISTERED,
        example: ORGANISATION_REGISTERED_EXAMPLE,
      },
    ],
    problems: [409, 422],
    idempotent: true,
  })
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
