import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { GetCaseQuery } from '../../cases/get-case/get-case.query';
import { casePatient, type CaseAsSeen } from './patient.mapping';
import { ReadFhirPatientQuery, type PatientRead } from './read-patient.query';

/**
 * Her case through the JSON API's own query (GetCaseQuery on the QueryBus), so the same consent
 * rules decide what is opened and every read is in her access log the same way; the Patient shows
 * exactly what that query opened. After erasure there is nothing left to show: gone.
 */
@QueryHandler(ReadFhirPatientQuery)
export class ReadFhirPatientHandler implements IQueryHandler<ReadFhirPatientQuery, PatientRead> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ actor, caseId, now }: ReadFhirPatientQuery): Promise<PatientRead> {
    const seen = await this.queries.execute<GetCaseQuery, CaseAsSeen>(new GetCaseQuery(caseId, actor, now));
    return seen.erased ? { erased: true } : { patient: casePatient(seen) };
  }
}
