import type { OrganisationKind, Service } from '@passerelle/domain';
import type { DataSource } from 'typeorm';
import { DirectoryOrganisationEntity, type DirectoryOrganisationRow } from './directory-organisation.entity';

export interface DirectoryFilter {
  kind?: OrganisationKind;
  department?: string;
  service?: Service;
}

export class DirectoryQuery {
  constructor(private readonly dataSource: DataSource) {}

  list(filter: DirectoryFilter): Promise<DirectoryOrganisationRow[]> {
    const query = this.dataSource.getRepository(DirectoryOrganisationEntity).createQueryBuilder('o').orderBy('o.organisationId', 'ASC');
    if (filter.kind) query.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.department) query.andWhere('o.department = :department', { department: filter.department });
    if (filter.service) query.andWhere(':service = ANY(o.services)', { service: filter.service });
    return query.getMany();
  }
}
