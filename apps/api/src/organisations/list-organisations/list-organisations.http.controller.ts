import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { type Actor, ROLES } from '@passerelle/domain';
import { ListOrganisationsQuery } from './list-organisations.query';
import { ListOrganisationsRequest } from './list-organisations.request.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('v1/organisations')
export class ListOrganisationsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  list(@Query() query: ListOrganisationsRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(
      new ListOrganisationsQuery(actor, { kind: query.kind, department: query.department, service: query.service }),
    );
  }
}
