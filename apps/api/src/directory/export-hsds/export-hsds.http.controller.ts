import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { type Actor, ROLES } from '@passerelle/domain';
import { ExportHsdsQuery } from './export-hsds.query';
import { ExportHsdsRequest } from './export-hsds.request.dto';
import { HSDS_PAGE, HSDS_PAGE_EXAMPLE } from '../directory.response';
import { Operation } from '@passerelle/http';

@ApiTags('directory')
@Controller('v1/directory')
export class ExportHsdsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('hsds')
  @Roles(...ROLES)
  @Operation('exportDirectoryHsds', {
    summary: 'The directory as an HSDS 3 page: organisations, their services and declared capacities (docs/directory-exports.md)',
    responses: [{ status: 200, description: 'A page of organisations', body: HSDS_PAGE, example: HSDS_PAGE_EXAMPLE }],
  })
  export(@Query() query: ExportHsdsRequest, @CurrentActor() actor: Actor) {
    return this.queries.execute(new ExportHsdsQuery(actor, query.page ?? 1, query.per_page ?? 100));
  }
}
