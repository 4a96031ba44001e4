import { consentCoverage } from '../../case/consent';
import type { CaseState } from '../../case/case.state';
import type { OrganisationState } from '../../organisation/organisation.state';
import { conflict, unprocessable } from '../../shared/domain-error';
import { requirePartner, type PartnerActor } from '../../shared/actor.rules';
import { isStrictlyAfter, unique } from '../../shared/time';
import type { ConsentCategory, Service } from '../../shared/vocabulary';
import type { MakeReferral } from '../referral.commands';
import type { ReferralMade } from '../referral.events';
import type { ReferralState } from '../referral.state';

/**
 * A referral shares part of her file with another organisation, so it needs a case that still
 * exists, a real receiver offering the service, and her active consent covering that receiver
 * and every shared category (docs/architecture.md#consent-model). In v1 only the holder of the case refers.
 * Errors never repeat what was sent: they name the field, not its value.
 */
export function makeReferral({ data, metadata }: MakeReferral, state: ReferralState): ReferralMade {
  const actor = requirePartner(metadata.actor);
  if (state.status !== 'none') throw conflict('REFERRAL.ALREADY_EXISTS', 'This referral already exists');
  const caseState = requireHeldCase(data.case, actor);
  requireReceiver(actor, data.to, data.receiver, data.service, 'to');
  requireRespondBy(data.respondBy, metadata.now);
  const sharedCategories = unique(data.sharedCategories);
  const gap = consentGap(caseState, metadata.now, data.to, sharedCategories);
  if (gap) {
    const { recipientCovered, missingCategories } = gap;
    throw unprocessable('REFERRAL.CONSENT_MISSING', `Cannot refer: ${describeGap(gap, 'the receiver')}`, {
      recipientCovered,
      missingCategories,
    });
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

/** Her case, held by the actor and not erased. A case held by someone else answers exactly like a missing one: its existence is itself sensitive. */
export function requireHeldCase(caseState: CaseState, actor: PartnerActor): CaseState & { status: 'open' } {
  if (caseState.status === 'none' || caseState.holder !== actor.organisationId) {
    throw unprocessable('REFERRAL.CASE_NOT_FOUND', 'No such case is held by your organisation');
  }
  if (caseState.status === 'erased') throw unprocessable('CASE.ERASED', 'This case was erased');
  return caseState;
}

/** A registered organisation other than the sender, offering the service; `field` says which of the request's fields named it. */
export function requireReceiver(
  actor: PartnerActor,
  to: string,
  receiver: OrganisationState | undefined,
  service: Service,
  field: string,
): void {
  if (to === actor.organisationId) {
    throw unprocessable('REFERRAL.SELF_REFERRAL', 'An organisation cannot refer a person to itself', { field });
  }
  if (!receiver || receiver.status === 'none') {
    throw unprocessable('REFERRAL.UNKNOWN_RECEIVER', 'No organisation with this id is registered', { field });
  }
  if (!receiver.services.includes(service)) {
    throw unprocessable('REFERRAL.SERVICE_NOT_OFFERED', 'The receiver does not offer this service', {
      service,
      offered: receiver.services,
      ...(field === 'to' ? {} : { field }),
    });
  }
}

export function requireRespondBy(respondBy: string | null, now: Date): void {
  if (respondBy !== null && !isStrictlyAfter(respondBy, now)) {
    throw unprocessable('REFERRAL.RESPOND_BY_IN_PAST', 'respondBy is not after now', { field: 'respondBy' });
  }
}

/** What her active referral consents leave uncovered for one recipient, or null when they cover it all. */
export interface ConsentGap {
  recipient: string;
  recipientCovered: boolean;
  missingCategories: ConsentCategory[];
}

export function consentGap(caseState: CaseState, now: Date, recipient: string, categories: readonly ConsentCategory[]): ConsentGap | null {
  const coverage = consentCoverage(caseState, now, { recipient, purpose: 'referral', categories });
  if (coverage.covered) return null;
  return { recipient, recipientCovered: coverage.recipientCovered, missingCategories: coverage.missingCategories };
}

/** The gap in words, naming the recipient as `who` (never its id: an error does not repeat what was sent). */
export function describeGap({ recipientCovered, missingCategories }: ConsentGap, who: string): string {
  return recipientCovered
    ? `her active referral consent for ${who} does not cover: ${missingCategories.join(', ')}`
    : `no active referral consent names ${who}` +
        (missingCategories.length > 0 ? ` (categories not covered: ${missingCategories.join(', ')})` : '');
}
