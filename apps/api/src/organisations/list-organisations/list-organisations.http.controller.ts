import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { departmentName, Roles } from '@passerelle/platform';
import { DirectoryQuery } from '@passerelle/projections';
import { ListOrganisationsRequest } from './list-organisations.request.dto';

/** The directory: who offers what where, and declared capacity. Never a location (refuges are confidential). */
@ApiTags('organisations') @ApiBearerAuth()
@Controller('v1/organisations')
export class ListOrganisationsController {
  constructor(private readonly directory: DirectoryQuery) {}

  @Get() @Roles('partner', 'coordinator', 'researcher', 'admin')
  async list(@Query() filter: ListOrganisationsRequest) {
    const rows = await this.directory.list(filter);
    return {
      items: rows.map((row) => ({
        id: row.organisationId, name: row.name, kind: row.kind, department: row.department,
        departmentName: departmentName(row.department), services: row.services,
        capacity: Object.entries(row.capacity).map(([service, c]) => ({ service, ...c })),
      })),
    };
  }
}
