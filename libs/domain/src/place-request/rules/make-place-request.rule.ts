import { conflict, unprocessable } from '../../shared/domain-error';
import { requirePartner } from '../../shared/actor.rules';
import { unique } from '../../shared/time';
import { PLACE_REQUEST_RECIPIENTS } from '../../shared/vocabulary';
import {
  consentGap,
  describeGap,
  requireHeldCase,
  requireReceiver,
  requireRespondBy,
  type ConsentGap,
} from '../../referral/rules/make-referral.rule';
import type { MakePlaceRequest } from '../place-request.commands';
import type { PlaceRequestMade } from '../place-request.events';
import type { PlaceRequestState } from '../place-request.state';

/**
 * One request for a place, to 2–10 shelters at once: the same rules as a referral to each of them
 * (her case, held by the sender and not erased; each a registered organisation offering the
 * service), and her consent must cover every recipient and every shared category. A gap anywhere
 * refuses the whole request, naming each gap, so nothing is written and nobody is asked.
 */
export function makePlaceRequest({ data, metadata }: MakePlaceRequest, state: PlaceRequestState): PlaceRequestMade {
  const actor = requirePartner(metadata.actor);
  if (state.status !== 'none') throw conflict('PLACE_REQUEST.ALREADY_EXISTS', 'This place request already exists');
  const caseState = requireHeldCase(data.case, actor);
  const to = data.recipients.map((recipient) => recipient.organisationId);
  const { min, max } = PLACE_REQUEST_RECIPIENTS;
  if (to.length < min || to.length > max || unique(to).length !== to.length) {
    throw unprocessable('PLACE_REQUEST.RECIPIENTS', `A place request goes to ${min} to ${max} different organisations`, {
      count: to.length,
    });
  }
  to.forEach((recipient, i) => requireReceiver(actor, recipient, data.receivers[recipient], data.service, `to[${i}]`));
  requireRespondBy(data.respondBy, metadata.now);
  const sharedCategories = unique(data.sharedCategories);
  const gaps = to
    .map((recipient) => consentGap(caseState, metadata.now, recipient, sharedCategories))
    .filter((gap): gap is ConsentGap => !!gap);
  if (gaps.length > 0) {
    // Each gap names its recipient: an organisation the sender chose in the public directory, its consent gap its own.
    const words = gaps.map((gap) => describeGap(gap, `to[${to.indexOf(gap.recipient)}]`));
    throw unprocessable('REFERRAL.CONSENT_MISSING', `Cannot send the place request: ${words.join('; ')}`, { gaps });
  }
  return {
    type: 'PlaceRequestMade',
    data: {
      placeRequestId: data.placeRequestId,
      caseId: data.caseId,
      from: actor.organisationId,
      recipients: data.recipients,
      service: data.service,
      urgency: data.urgency,
      sharedCategories,
      message: data.message,
      respondBy: data.respondBy,
    },
  };
}
