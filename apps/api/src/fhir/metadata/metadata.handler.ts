import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CapabilityStatement } from 'fhir/r4';
import { capabilityStatement } from './capability-statement';
import { GetFhirCapabilityStatementQuery } from './metadata.query';

@QueryHandler(GetFhirCapabilityStatementQuery)
export class GetFhirCapabilityStatementHandler implements IQueryHandler<GetFhirCapabilityStatementQuery, CapabilityStatement> {
  execute({ base }: GetFhirCapabilityStatementQuery): Promise<CapabilityStatement> {
    return Promise.resolve(capabilityStatement(base));
  }
}
