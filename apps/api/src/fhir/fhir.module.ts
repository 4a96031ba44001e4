import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { DirectoryQuery, InboxQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { PersonAccessModule } from '../cases/person-access.module';
import { FhirConsentController } from './consent/consent.http.controller';
import { ReadFhirConsentHandler, SearchFhirConsentsHandler } from './consent/read-consent.handler';
import { FhirHealthcareServiceController, FhirOrganizationController } from './directory/directory.http.controller';
import {
  ReadFhirHealthcareServiceHandler,
  ReadFhirOrganizationHandler,
  SearchFhirHealthcareServicesHandler,
  SearchFhirOrganizationsHandler,
} from './directory/read-directory.handler';
import { GetFhirCapabilityStatementHandler } from './metadata/metadata.handler';
import { FhirFallbackController, FhirMetadataController } from './metadata/metadata.http.controller';
import { FhirPatientController } from './patient/patient.http.controller';
import { ReadFhirPatientHandler } from './patient/read-patient.handler';
import { ReadFhirServiceRequestHandler } from './service-request/read-service-request.handler';
import { FhirServiceRequestController } from './service-request/service-request.http.controller';
import { ReadFhirTaskHandler } from './task/read-task.handler';
import { SearchFhirTasksHandler } from './task/search-tasks.handler';
import { FhirTaskController } from './task/task.http.controller';
import { UpdateFhirTaskHandler } from './task/update-task.handler';

/**
 * The FHIR R4 facade at /fhir/r4 (docs/fhir.md): the referral network as the SDOH Clinical Care
 * IG's referral Tasks, for health services' systems. It adds no rule of its own: reads go through
 * the same consent checks as the JSON API (her Patient through GetCaseQuery itself), and a Task
 * update sends the JSON API's own referral commands on the CommandBus.
 */
@Module({
  imports: [PersonAccessModule],
  controllers: [
    FhirMetadataController,
    FhirTaskController,
    FhirServiceRequestController,
    FhirPatientController,
    FhirConsentController,
    FhirOrganizationController,
    FhirHealthcareServiceController,
    // Last: answers whatever the others do not.
    FhirFallbackController,
  ],
  providers: [
    { provide: DirectoryQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new DirectoryQuery(readModel) },
    { provide: InboxQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new InboxQuery(readModel) },
    GetFhirCapabilityStatementHandler,
    ReadFhirTaskHandler,
    SearchFhirTasksHandler,
    UpdateFhirTaskHandler,
    ReadFhirServiceRequestHandler,
    ReadFhirPatientHandler,
    ReadFhirConsentHandler,
    SearchFhirConsentsHandler,
    ReadFhirOrganizationHandler,
    SearchFhirOrganizationsHandler,
    ReadFhirHealthcareServiceHandler,
    SearchFhirHealthcareServicesHandler,
  ],
})
export class FhirModule {}
