import { consentCoverage } from '../../case/consent';
import { conflict, unprocessable } from '../../shared/domain-error';
import { requirePartner } from '../../shared/actor.rules';
import { isStrictlyAfter, unique } from '../../shared/time';
import type { MakeReferral } from '../referral.commands';
import type { ReferralMade } from '../referral.events';
import type { ReferralState } from '../referral.state';

/**
 * A referral shares part of her file with another organisation, so it needs a case that still
 * exists, a real receiver offering the service, and her active consent covering that receiver
 * and every shared category (docs/architecture.md#consent-model). In v1 only the holder of the case refers.
 */
export function makeReferral({ data, metadata }: MakeReferral, state: ReferralState): ReferralMade {
  const actor = requirePartner(metadata.actor);
  if (state.status !== 'none') throw conflict('REFERRAL.ALREADY_EXISTS', 'This referral already exists');
  const caseState = data.case;
  // A case held by someone else answers exactly like a missing one: its existence is itself sensitive.
  if (caseState.status === 'none' || caseState.holder !== actor.organisationId) {
    throw unprocessable('REFERRAL.CASE_NOT_FOUND', 'No such case is held by your organisation');
  }
  if (caseState.status === 'erased') throw unprocessable('CASE.ERASED', 'This case was erased');
  if (data.to === actor.organisationId) {
    throw unprocessable('REFERRAL.SELF_REFERRAL', 'An organisation cannot refer a person to itself');
  }
  const receiver = data.receiver;
  if (receiver.status === 'none') {
    throw unprocessable('REFERRAL.UNKNOWN_RECEIVER', 'No organisation with this id is registered', { field: 'to' });
  }
  if (!receiver.services.includes(data.service)) {
    throw unprocessable('REFERRAL.SERVICE_NOT_OFFERED', 'The receiver does not offer this service', {
      service: data.service,
      offered: receiver.services,
    });
  }
  if (data.respondBy !== null && !isStrictlyAfter(data.respondBy, metadata.now)) {
    throw unprocessable('REFERRAL.RESPOND_BY_IN_PAST', 'respondBy is not after now', { field: 'respondBy' });
  }
  const sharedCategories = unique(data.sharedCategories);
  const coverage = consentCoverage(caseState, metadata.now, {
    recipient: data.to,
    purpose: 'referral',
    categories: sharedCategories,
  });
  if (!coverage.covered) {
    const { recipientCovered, missingCategories } = coverage;
    const reason = recipientCovered
      ? `her active referral consent for the receiver does not cover: ${missingCategories.join(', ')}`
      : 'no active referral consent names the receiver' +
        (missingCategories.length > 0 ? ` (categories not covered: ${missingCategories.join(', ')})` : '');
    throw unprocessable('REFERRAL.CONSENT_MISSING', `Cannot refer: ${reason}`, { recipientCovered, missingCategories });
  }
  return {
    type: 'ReferralMade',
    data: {
      referralId: data.referralId,
      caseId: data.caseId,
      from: actor.organisationId,
      to: data.to,
      service: data.service,
      urgency: data.urgency,
      sharedCategories,
      message: data.message,
      respondBy: data.respondBy,
    },
  };
}
