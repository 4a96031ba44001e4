import { arrayOf, INSTANT, named, object, orNull, ORGANISATION_ID_SCHEMA, POSITION, text, UUID } from '@passerelle/http';
import { PERSON_ACCESS, PERSON_EXAMPLE, CATEGORY } from '../shared/person.response';
import { OTHER_RECIPIENTS, REFERRAL_ENDING, REFERRAL_PARTIES, REFERRAL_STATUS } from '../shared/referral.response';

const REFERRAL_ID = 'dcb6f917-bff4-5b9c-bdda-38e63b2bde2f';

/** The answer of every referral command: its id, its status now, and the position to read it back at. */
export const REFERRAL_MOVED = named(
  'ReferralStatusChange',
  object(
    {
      referralId: UUID,
      status: REFERRAL_STATUS,
      placeRequestId: { ...UUID, description: 'Accepting a place request’s referral: the request it placed her through' },
      position: POSITION,
    },
    ['placeRequestId'],
  ),
);
export const referralMovedExample = (status: string) => ({ referralId: REFERRAL_ID, status, position: '23' });

export const REFERRAL = named(
  'Referral',
  object({
    ...REFERRAL_PARTIES,
    sharedCategories: arrayOf(CATEGORY),
    respondBy: orNull(INSTANT),
    ...REFERRAL_ENDING,
    placeRequestId: orNull(UUID),
    otherRecipients: OTHER_RECIPIENTS,
    createdAt: INSTANT,
    updatedAt: INSTANT,
    message: orNull(text({ description: 'Null when this reader may not read free text about her any more' })),
    notes: arrayOf(object({ by: ORGANISATION_ID_SCHEMA, event: text({ example: 'ReferralAccepted' }), note: orNull(text()) })),
    ...PERSON_ACCESS,
  }),
);
export const REFERRAL_EXAMPLE = {
  referralId: REFERRAL_ID,
  caseId: '3133ef55-032c-50a4-91f0-06a158068faa',
  from: 'asso-93',
  to: 'refuge-93',
  service: 'specialised_shelter',
  urgency: 'urgent',
  status: 'accepted',
  sharedCategories: ['identity'],
  respondBy: null,
  declineReason: null,
  withdrawalReason: null,
  outcome: null,
  placeRequestId: null,
  otherRecipients: null,
  createdAt: '2026-12-03T10:34:14.819Z',
  updatedAt: '2026-12-03T10:34:14.962Z',
  message: 'Needs a place tonight',
  notes: [{ by: 'refuge-93', event: 'ReferralAccepted', note: null }],
  person: PERSON_EXAMPLE,
  visibleCategories: ['identity'],
  erased: false,
};
