import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { DirectoryQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { ExportHsdsHandler } from './export-hsds/export-hsds.handler';
import { ExportHsdsController } from './export-hsds/export-hsds.http.controller';

/** The directory exported in the shapes other directories read (docs/directory-exports.md). */
@Module({
  controllers: [ExportHsdsController],
  providers: [
    { provide: DirectoryQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new DirectoryQuery(readModel) },
    ExportHsdsHandler,
  ],
})
export class DirectoryModule {}
