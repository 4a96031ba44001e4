import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DirectoryQuery } from '@passerelle/projections';
import { ExportHsdsQuery } from './export-hsds.query';
import { hsdsOrganization, type HsdsOrganization } from './hsds.mapping';

/** HSDS's paged list (its API's `Page`: total_items … empty, then `contents`), in the directory's id order. */
export interface HsdsOrganizationPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: HsdsOrganization[];
}

/** The directory as Open Referral HSDS organisations with their services and declared capacity; never a location. */
@QueryHandler(ExportHsdsQuery)
export class ExportHsdsHandler implements IQueryHandler<ExportHsdsQuery, HsdsOrganizationPage> {
  constructor(private readonly directory: DirectoryQuery) {}

  async execute({ page, perPage }: ExportHsdsQuery): Promise<HsdsOrganizationPage> {
    const rows = await this.directory.list({});
    const contents = rows.slice((page - 1) * perPage, page * perPage).map(hsdsOrganization);
    const totalPages = Math.max(1, Math.ceil(rows.length / perPage));
    return {
      total_items: rows.length,
      total_pages: totalPages,
      page_number: page,
      size: contents.length,
      first_page: page === 1,
      last_page: page >= totalPages,
      empty: contents.length === 0,
      contents,
    };
  }
}
