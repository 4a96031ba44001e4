import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { type Actor, ROLES } from '@passerelle/domain';
import { ListOrganisationsQuery } from './list-organisations.query';
import { ListOrganisationsRequest } from './list-organisations.request.dto';
import { ORGANISATIONS, ORGANISATIONS_EXAMPLE } from '../organisations.response';
import { Operation } from '@passerelle/http';

@ApiTags('organisations')
@Controller('v1/organisations')
export class ListOrganisationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @Operation('listOrganisations', {
    summary: 'The directory: organisations by kind, département and service, with their contact and declared capacity',
    responses: [{ status: 200, description: 'The organisations', body: ORGANISATIONS, example: ORGANISATIONS_EXAMPLE }],
  })
  list(@Query() query: ListOrganisationsRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new ListOrganisationsQuery(actor, { kind: query.kind, department: query.department, service: query.service }),
    );
  }
}
