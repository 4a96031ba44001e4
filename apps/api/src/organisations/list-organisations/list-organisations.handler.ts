import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { departmentName } from '@passerelle/geography';
import { DirectoryQuery } from '@passerelle/projections';
import { ListOrganisationsQuery } from './list-organisations.query';

/** The directory: who offers what where, and declared capacity. Never a location (refuges are confidential). */
@QueryHandler(ListOrganisationsQuery)
export class ListOrganisationsHandler implements IQueryHandler<ListOrganisationsQuery> {
  constructor(private readonly directory: DirectoryQuery) {}

  async execute({ filter }: ListOrganisationsQuery) {
    const rows = await this.directory.list(filter);
    return {
      items: rows.map((row) => ({
        id: row.organisationId,
        name: row.name,
        kind: row.kind,
        department: row.department,
        departmentName: departmentName(row.department),
        services: row.services,
        contact: row.contact,
        capacity: Object.entries(row.capacity).map(([service, c]) => ({ service, ...c })),
      })),
    };
  }
}
