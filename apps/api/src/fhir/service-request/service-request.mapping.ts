import type { ConsentCategory } from '@passerelle/domain';
import type { Annotation, ServiceRequest } from 'fhir/r4';
import { SERVICE_NAMES } from '../../shared/vocabulary-names';
import { CODE_SYSTEM, EXTENSION } from '../fhir-systems';
import type { ReferralFacts, ReferralStatus } from '../task/referral-facts';
import { PRIORITY } from '../task/task.mapping';

/** The request's own life, which the requester controls: the Task carries the receiver's answer. */
const STATUS: Record<ReferralStatus, ServiceRequest['status']> = {
  referred: 'active',
  accepted: 'active',
  declined: 'revoked',
  withdrawn: 'revoked',
  closed: 'completed',
};

export interface ServiceRequestDetails {
  sharedCategories: readonly ConsentCategory[];
  /** Her safety instructions, shown to whoever may see her case (apps/api/src/cases/case-snapshot.ts). */
  safety: { doNotContact: boolean; safeChannel: string } | null;
  /** The referral's message and the parties' notes, each null when consent does not let this reader see it. */
  message: string | null;
  notes: { by: string; note: string | null }[];
}

/** The referral as the focus of its Task: what is asked, of whom, for whom, with the text the reader may see. */
export function referralServiceRequest(facts: ReferralFacts, details: ServiceRequestDetails): ServiceRequest {
  const request: ServiceRequest = {
    resourceType: 'ServiceRequest',
    id: facts.referralId,
    meta: { versionId: facts.revision.toString(), lastUpdated: facts.updatedAt },
    identifier: [{ system: CODE_SYSTEM.referralId, value: facts.referralId }],
    status: STATUS[facts.status],
    intent: 'order',
    code: {
      coding: [{ system: CODE_SYSTEM.service, code: facts.service, display: SERVICE_NAMES[facts.service] }],
      text: SERVICE_NAMES[facts.service],
    },
    priority: PRIORITY[facts.urgency],
    subject: { reference: `Patient/${facts.caseId}`, type: 'Patient' },
    authoredOn: facts.createdAt,
    requester: { reference: `Organization/${facts.from}`, type: 'Organization' },
    performer: [{ reference: `Organization/${facts.to}`, type: 'Organization' }],
  };
  if (details.sharedCategories.length > 0) {
    request.extension = details.sharedCategories.map((code) => ({ url: EXTENSION.sharedCategories, valueCode: code }));
  }
  const orderDetail: NonNullable<ServiceRequest['orderDetail']> = [];
  if (details.safety?.doNotContact) {
    orderDetail.push({
      coding: [{ system: CODE_SYSTEM.sdohTemporary, code: 'contacting-subject-prohibited', display: 'Contacting Subject Prohibited' }],
      text: 'Do not contact her directly',
    });
  }
  if (details.safety) orderDetail.push({ text: `Safe channel: ${details.safety.safeChannel.replace(/_/g, ' ')}` });
  if (orderDetail.length > 0) request.orderDetail = orderDetail;
  const notes: Annotation[] = [];
  if (details.message)
    notes.push({ authorReference: { reference: `Organization/${facts.from}` }, time: facts.createdAt, text: details.message });
  for (const { by, note } of details.notes) if (note) notes.push({ authorReference: { reference: `Organization/${by}` }, text: note });
  if (notes.length > 0) request.note = notes;
  return request;
}
