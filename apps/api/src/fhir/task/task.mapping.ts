import type { Task } from 'fhir/r4';
import { CLOSURE_OUTCOME_NAMES, DECLINE_REASON_NAMES, SERVICE_NAMES } from '../../shared/vocabulary-names';
import { CODE_SYSTEM, EXTENSION } from '../fhir-systems';
import type { ReferralFacts, ReferralStatus } from './referral-facts';

type TaskStatus = Task['status'];
type Priority = NonNullable<Task['priority']>;

/** The SDOH Clinical Care IG's referral Task statuses for each referral status (docs/fhir.md#task). */
export const TASK_STATUS: Record<ReferralStatus, TaskStatus> = {
  referred: 'requested',
  accepted: 'accepted',
  declined: 'rejected',
  withdrawn: 'cancelled',
  closed: 'completed',
};

/** Every Task.status code of FHIR R4 (the task-status value set), in its order. */
export const TASK_STATUSES: readonly TaskStatus[] = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
];

export const PRIORITY: Record<ReferralFacts['urgency'], Priority> = { routine: 'routine', soon: 'urgent', urgent: 'asap' };

const BUSINESS_STATUS: Record<ReferralStatus, string> = {
  referred: 'Referred, waiting for an answer',
  accepted: 'Accepted by the receiver',
  declined: 'Declined by the receiver',
  withdrawn: 'Withdrawn by the sender',
  closed: 'Closed',
};

export const versionTag = (revision: bigint): string => `W/"${revision.toString()}"`;

/**
 * A referral as the Task of the SDOH Clinical Care IG's referral-management pattern: the sender is
 * the requester, the receiver the owner, the ServiceRequest of the same id its focus, the case its
 * `for`. Ids, codes and dates only: no free text and nothing about her.
 */
export function referralTask(facts: ReferralFacts): Task {
  const task: Task = {
    resourceType: 'Task',
    id: facts.referralId,
    meta: { versionId: facts.revision.toString(), lastUpdated: facts.updatedAt },
    identifier: [{ system: CODE_SYSTEM.referralId, value: facts.referralId }],
    status: TASK_STATUS[facts.status],
    businessStatus: {
      coding: [{ system: CODE_SYSTEM.referralStatus, code: facts.status, display: BUSINESS_STATUS[facts.status] }],
      text: facts.outcome
        ? `${BUSINESS_STATUS.closed}: ${CLOSURE_OUTCOME_NAMES[facts.outcome].toLowerCase()}`
        : BUSINESS_STATUS[facts.status],
    },
    intent: 'order',
    priority: PRIORITY[facts.urgency],
    code: { coding: [{ system: CODE_SYSTEM.taskCode, code: 'fulfill', display: 'Fulfill the focal request' }] },
    description: `Referral for ${SERVICE_NAMES[facts.service].toLowerCase()}`,
    focus: { reference: `ServiceRequest/${facts.referralId}`, type: 'ServiceRequest' },
    for: { reference: `Patient/${facts.caseId}`, type: 'Patient' },
    authoredOn: facts.createdAt,
    lastModified: facts.updatedAt,
    requester: { reference: `Organization/${facts.from}`, type: 'Organization' },
    owner: { reference: `Organization/${facts.to}`, type: 'Organization' },
  };
  if (facts.respondBy) task.extension = [{ url: EXTENSION.respondBy, valueDateTime: facts.respondBy }];
  const reason = statusReason(facts);
  if (reason) task.statusReason = reason;
  if (facts.outcome) {
    task.output = [
      {
        type: { coding: [{ system: CODE_SYSTEM.sdohTemporary, code: 'resulting-activity', display: 'Resulting Activity' }] },
        valueCodeableConcept: {
          coding: [{ system: CODE_SYSTEM.closureOutcome, code: facts.outcome, display: CLOSURE_OUTCOME_NAMES[facts.outcome] }],
          text: CLOSURE_OUTCOME_NAMES[facts.outcome],
        },
      },
    ];
  }
  return task;
}

/** Why a Task was rejected or cancelled; the IG wants a text whenever there is a reason. */
function statusReason(facts: ReferralFacts): Task['statusReason'] {
  if (facts.status === 'declined' && facts.declineReason) {
    const display = DECLINE_REASON_NAMES[facts.declineReason];
    return { coding: [{ system: CODE_SYSTEM.declineReason, code: facts.declineReason, display }], text: display };
  }
  // The reason of a withdrawal is not in the inbox read model that searches read: only the fact.
  if (facts.status === 'withdrawn') return { text: 'Withdrawn by the referring organisation' };
  return undefined;
}
