import type { Patient } from 'fhir/r4';
import type { Actor } from '@passerelle/domain';

export class ReadFhirPatientQuery {
  constructor(
    readonly actor: Actor,
    readonly caseId: string,
    readonly now: Date,
  ) {}
}

/** Her Patient, or the fact that she was erased (answered 410 Gone). */
export type PatientRead = { patient: Patient } | { erased: true };
