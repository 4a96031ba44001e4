export class GetFhirCapabilityStatementQuery {
  constructor(readonly base: string) {}
}
