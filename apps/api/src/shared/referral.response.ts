import {
  CLOSURE_OUTCOMES,
  DECLINE_REASONS,
  PLACE_REQUEST_STATUSES,
  PLACE_REQUEST_WITHDRAWAL_REASONS,
  SERVICES,
  URGENCIES,
  WITHDRAWAL_REASONS,
} from '@passerelle/domain';
import { count, oneOfValues, orNull, ORGANISATION_ID_SCHEMA, UUID } from '@passerelle/http';

/** The vocabulary of a referral, shared by its own reads, the inbox and place requests. */
export const REFERRAL_STATUS = oneOfValues(['referred', 'accepted', 'declined', 'withdrawn', 'closed']);
export const SERVICE = oneOfValues(SERVICES);
export const URGENCY = oneOfValues(URGENCIES);
export const DECLINE_REASON = orNull(oneOfValues(DECLINE_REASONS));
/** A sender's reasons, or the place request's when it withdrew the referral (placed elsewhere, expired, cancelled). */
export const WITHDRAWAL_REASON = orNull(oneOfValues([...WITHDRAWAL_REASONS, ...PLACE_REQUEST_WITHDRAWAL_REASONS]));
export const OUTCOME = orNull(oneOfValues(CLOSURE_OUTCOMES));
export const PLACE_REQUEST_STATUS = oneOfValues(PLACE_REQUEST_STATUSES);
export const OTHER_RECIPIENTS = orNull(
  count({ description: 'How many other organisations its place request asked (never which); null outside one' }),
);

/** Who referred her to whom, for what: the first members of a referral read and of an inbox item. */
export const REFERRAL_PARTIES = {
  referralId: UUID,
  caseId: UUID,
  from: ORGANISATION_ID_SCHEMA,
  to: ORGANISATION_ID_SCHEMA,
  service: SERVICE,
  urgency: URGENCY,
  status: REFERRAL_STATUS,
};
/** How a referral ended, if it has: decline, withdrawal, outcome. */
export const REFERRAL_ENDING = { declineReason: DECLINE_REASON, withdrawalReason: WITHDRAWAL_REASON, outcome: OUTCOME };
