import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { DirectoryQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { DeclareCapacityHandler } from './declare-capacity/declare-capacity.handler';
import { DeclareCapacityController } from './declare-capacity/declare-capacity.http.controller';
import { ListOrganisationsHandler } from './list-organisations/list-organisations.handler';
import { ListOrganisationsController } from './list-organisations/list-organisations.http.controller';
import { RegisterOrganisationHandler } from './register-organisation/register-organisation.handler';
import { RegisterOrganisationController } from './register-organisation/register-organisation.http.controller';

/** The network's members: registration, declared capacity and the directory (their people and keys: apps/api/src/people). */
@Module({
  controllers: [RegisterOrganisationController, ListOrganisationsController, DeclareCapacityController],
  providers: [
    { provide: DirectoryQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new DirectoryQuery(readModel) },
    RegisterOrganisationHandler,
    ListOrganisationsHandler,
    DeclareCapacityHandler,
  ],
})
export class OrganisationsModule {}
