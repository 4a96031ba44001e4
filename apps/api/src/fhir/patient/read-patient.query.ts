import type { Actor } from '@passerelle/domain';

export class ReadFhirPatientQuery {
  constructor(
    readonly actor: Actor,
    readonly caseId: string,
    readonly now: Date,
  ) {}
}
