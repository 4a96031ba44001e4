import { commandId, type CommandContext } from '@passerelle/command-handling';
import type { PlaceRequestEvent, PlaceRequestMade, ReferralMade } from '@passerelle/domain';
import { ASSO, CASE_ID, REFUGE } from './use-case.fixtures';

/** Shared by the place-request use-case specs: a request from ASSO to REFUGE and REFUGE_B. */
export const REFUGE_B = 'refuge-59';
export const SHELTERS = [REFUGE, REFUGE_B];

export const placeRequestIdOf = (context: Pick<CommandContext, 'idSeed'>) => commandId(context, 'place-request');
export const referralIdOf = (context: Pick<CommandContext, 'idSeed'>, to: string) => commandId(context, `referral:${to}`);

export const PLACE_REQUEST_ID = '7f1d2c3a-0000-4000-8000-0000000000bb';
export const [TO_REFUGE, TO_REFUGE_B] = ['7f1d2c3a-0000-4000-8000-0000000000a1', '7f1d2c3a-0000-4000-8000-0000000000a2'] as const;

export const placeRequestMade = (data: Partial<PlaceRequestMade['data']> = {}): PlaceRequestMade => ({
  type: 'PlaceRequestMade',
  data: {
    placeRequestId: PLACE_REQUEST_ID,
    caseId: CASE_ID,
    from: ASSO,
    recipients: [
      { organisationId: REFUGE, referralId: TO_REFUGE },
      { organisationId: REFUGE_B, referralId: TO_REFUGE_B },
    ],
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity'],
    message: null,
    respondBy: null,
    ...data,
  },
});

/** The referral the request made to `to`, as its follow-up writes it. */
export const referralOfRequest = (referralId: string, to: string, request = placeRequestMade()): ReferralMade => ({
  type: 'ReferralMade',
  data: {
    referralId,
    caseId: request.data.caseId,
    from: request.data.from,
    to,
    service: request.data.service,
    urgency: request.data.urgency,
    sharedCategories: request.data.sharedCategories,
    message: request.data.message,
    respondBy: request.data.respondBy,
    placeRequest: { placeRequestId: request.data.placeRequestId, recipients: request.data.recipients.length },
  },
});

export const placedThrough = (referralId: string, by: string): PlaceRequestEvent => ({
  type: 'PlaceRequestPlaced',
  data: { placeRequestId: PLACE_REQUEST_ID, referralId, by, note: null },
});
