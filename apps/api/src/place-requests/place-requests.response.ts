import { arrayOf, count, INSTANT, named, object, orNull, ORGANISATION_ID_SCHEMA, POSITION, UUID } from '@passerelle/http';
import { DECLINE_REASON, PLACE_REQUEST_STATUS, REFERRAL_STATUS, SERVICE, URGENCY, WITHDRAWAL_REASON } from '../shared/referral.response';

const PLACE_REQUEST_ID = '0edf285f-668e-562d-8f90-811e0c389d3f';

export const PLACE_REQUEST_MADE = named(
  'PlaceRequestMade',
  object({
    placeRequestId: UUID,
    referralIds: arrayOf(UUID, { description: 'One referral per organisation asked' }),
    status: PLACE_REQUEST_STATUS,
    position: POSITION,
  }),
);
export const PLACE_REQUEST_MADE_EXAMPLE = {
  placeRequestId: PLACE_REQUEST_ID,
  referralIds: ['84112a83-0bc9-50c1-875e-ea3fa46f3dbc', '97bcd1ee-470d-5e3d-b449-3dee9ad520e8'],
  status: 'open',
  position: '17',
};

export const PLACE_REQUEST_CANCELLED = named(
  'PlaceRequestCancelled',
  object({ placeRequestId: UUID, status: PLACE_REQUEST_STATUS, position: POSITION }),
);
export const PLACE_REQUEST_CANCELLED_EXAMPLE = { placeRequestId: PLACE_REQUEST_ID, status: 'cancelled', position: '20' };

export const PLACE_REQUEST = named(
  'PlaceRequest',
  object({
    placeRequestId: UUID,
    caseId: UUID,
    from: ORGANISATION_ID_SCHEMA,
    status: PLACE_REQUEST_STATUS,
    service: SERVICE,
    urgency: URGENCY,
    respondBy: orNull(INSTANT),
    createdAt: INSTANT,
    updatedAt: INSTANT,
    placed: orNull(
      object({ organisationId: ORGANISATION_ID_SCHEMA, referralId: UUID, at: INSTANT }, [], {
        description: 'Who accepted first; null until she is placed',
      }),
    ),
    recipients: arrayOf(
      object({
        organisationId: ORGANISATION_ID_SCHEMA,
        referralId: UUID,
        status: REFERRAL_STATUS,
        declineReason: DECLINE_REASON,
        withdrawalReason: WITHDRAWAL_REASON,
        respondedAt: orNull(INSTANT),
        responseSeconds: orNull(count()),
      }),
    ),
  }),
);
export const PLACE_REQUEST_EXAMPLE = {
  placeRequestId: PLACE_REQUEST_ID,
  caseId: '7e26718a-0553-5420-9d58-850180a19792',
  from: 'asso-59',
  status: 'open',
  service: 'specialised_shelter',
  urgency: 'urgent',
  respondBy: '2026-12-03T16:35:16.386Z',
  createdAt: '2026-12-03T10:35:16.392Z',
  updatedAt: '2026-12-03T10:35:16.392Z',
  placed: null,
  recipients: [
    {
      organisationId: 'refuge-59a',
      referralId: '9462853a-3f21-5dd8-8bf3-532c91f23c4d',
      status: 'referred',
      declineReason: null,
      withdrawalReason: null,
      respondedAt: null,
      responseSeconds: null,
    },
  ],
};
