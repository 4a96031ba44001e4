import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { type Actor, ROLES } from '@passerelle/domain';
import { ExportHsdsQuery } from './export-hsds.query';
import { ExportHsdsRequest } from './export-hsds.request.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller('v1/directory')
export class ExportHsdsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('hsds')
  @Roles(...ROLES)
  @ApiOperation({
    operationId: 'exportDirectoryHsds',
    summary: 'The directory in Open Referral HSDS 3 shape: organizations, services, service capacity; never a location',
  })
  @ApiOkResponse({ description: 'An HSDS page of organizations, each with its services and their capacities (docs/directory-exports.md)' })
  export(@Query() query: ExportHsdsRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ExportHsdsQuery(actor, query.page ?? 1, query.per_page ?? 100));
  }
}
