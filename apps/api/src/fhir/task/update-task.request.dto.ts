import { CLOSURE_OUTCOMES, DECLINE_REASONS, WITHDRAWAL_REASONS, type ClosureOutcome } from '@passerelle/domain';
import type { Task } from 'fhir/r4';
import { fhirError } from '../fhir-outcome';
import { CODE_SYSTEM } from '../fhir-systems';
import { TASK_STATUSES } from './task.mapping';
import { SETTABLE_STATUSES, type SettableStatus, type TaskChange } from './update-task.command';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const invalid = (detail: string, field: string) => fhirError(400, 'FHIR.INVALID_RESOURCE', 'Invalid resource', detail, field);

/** Reads the body of `PUT /fhir/r4/Task/{id}`; 400 for anything that is not a Task with this id, 422 for a status no move makes. */
export function readTaskChange(id: string, body: unknown): TaskChange {
  if (!isObject(body) || body.resourceType !== 'Task') throw invalid('The body must be a Task resource.', 'resourceType');
  if (body.id !== id) throw invalid('Task.id must be the id in the URL.', 'id');
  const status = body.status;
  if (typeof status !== 'string' || !TASK_STATUSES.includes(status as Task['status']))
    throw invalid('Task.status must be a FHIR task status.', 'status');
  if (!(SETTABLE_STATUSES as readonly string[]).includes(status)) {
    throw fhirError(
      422,
      'FHIR.UNSUPPORTED_TASK_STATUS',
      'Unsupported status',
      `A referral Task moves to ${SETTABLE_STATUSES.slice(1).join(', ')} only; ${status} is not a step of a referral.`,
      'status',
    );
  }
  const reason = isObject(body.statusReason) ? body.statusReason : undefined;
  const text = reason?.text;
  if (text !== undefined && (typeof text !== 'string' || text.length === 0 || text.length > 4000)) {
    throw invalid('Task.statusReason.text must be a text of 1 to 4000 characters.', 'statusReason.text');
  }
  if (status === 'rejected' && !reason) {
    throw invalid('A rejected Task needs a statusReason: a decline-reason code, a text, or both.', 'statusReason');
  }
  return {
    status: status as SettableStatus,
    note: typeof text === 'string' ? text : null,
    declineReason: codeIn(reason, CODE_SYSTEM.declineReason, DECLINE_REASONS) ?? 'other',
    withdrawalReason: codeIn(reason, CODE_SYSTEM.withdrawalReason, WITHDRAWAL_REASONS) ?? 'other',
    outcome: outcomeOf(body.output) ?? 'service_provided',
    references: referencesOf(body),
  };
}

/** The code of a CodeableConcept in one of our systems, if it names a known value; an unknown code of ours is a 400. */
function codeIn<T extends string>(concept: Json | undefined, system: string, allowed: readonly T[]): T | undefined {
  const codings = Array.isArray(concept?.coding) ? (concept.coding as unknown[]) : [];
  const ours = codings.filter(isObject).find((coding) => coding.system === system);
  if (!ours) return undefined;
  if (!allowed.includes(ours.code as T)) throw invalid(`Codes of ${system} are ${allowed.join(', ')}.`, 'statusReason.coding');
  return ours.code as T;
}

function outcomeOf(output: unknown): ClosureOutcome | undefined {
  if (!Array.isArray(output)) return undefined;
  for (const item of output.filter(isObject)) {
    const value = isObject(item.valueCodeableConcept) ? item.valueCodeableConcept : undefined;
    const code = codeIn(value, CODE_SYSTEM.closureOutcome, CLOSURE_OUTCOMES);
    if (code) return code;
  }
  return undefined;
}

function referencesOf(body: Json): TaskChange['references'] {
  const references: TaskChange['references'] = {};
  for (const field of ['focus', 'for', 'owner', 'requester'] as const) {
    const value = body[field];
    if (value === undefined) continue;
    if (!isObject(value) || typeof value.reference !== 'string') throw invalid(`Task.${field} must be a Reference.`, field);
    references[field] = value.reference;
  }
  return references;
}
