import { arrayOf, boolean, INSTANT, named, object, orNull, ORGANISATION_ID_SCHEMA, POSITION, text, UUID } from '@passerelle/http';
import { PERSON_ACCESS, PERSON_EXAMPLE } from '../shared/person.response';
import { OTHER_RECIPIENTS, PLACE_REQUEST_STATUS, REFERRAL_ENDING, REFERRAL_PARTIES } from '../shared/referral.response';

export const INBOX = named(
  'Inbox',
  object({
    items: arrayOf(
      named(
        'InboxItem',
        object({
          ...REFERRAL_PARTIES,
          respondBy: orNull(INSTANT),
          overdue: boolean({ description: 'Still referred after respondBy' }),
          ...REFERRAL_ENDING,
          createdAt: INSTANT,
          updatedAt: INSTANT,
          position: POSITION,
          placeRequestId: orNull(UUID),
          otherRecipients: OTHER_RECIPIENTS,
          placeRequest: orNull(
            object({ status: PLACE_REQUEST_STATUS, placedBy: orNull(ORGANISATION_ID_SCHEMA) }, [], {
              description: 'For the sender only: its place request’s status and who accepted',
            }),
          ),
          ...PERSON_ACCESS,
        }),
      ),
    ),
    nextCursor: orNull(text({ description: 'Pass as cursor for the next page; null on the last' })),
    caughtUp: boolean({ description: 'false when minPosition was given and the inbox did not reach it in time' }),
  }),
);
export const INBOX_EXAMPLE = {
  items: [
    {
      referralId: 'e5355250-afda-5773-ad1a-8f7024c07e41',
      caseId: '8f144efd-5d10-5f4d-aa9f-c168cdd0b7f8',
      from: 'asso-93',
      to: 'refuge-75',
      service: 'shelter',
      urgency: 'urgent',
      status: 'referred',
      respondBy: null,
      overdue: false,
      declineReason: null,
      withdrawalReason: null,
      outcome: null,
      createdAt: '2026-12-03T10:35:03.552Z',
      updatedAt: '2026-12-03T10:35:03.552Z',
      position: '10',
      placeRequestId: null,
      otherRecipients: null,
      placeRequest: null,
      person: PERSON_EXAMPLE,
      visibleCategories: ['identity'],
      erased: false,
    },
  ],
  nextCursor: null,
  caughtUp: true,
};
