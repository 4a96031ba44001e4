import { StreamStateCache, type CommandContext } from '@passerelle/command-handling';
import {
  caseStream,
  organisationStream,
  placeRequestStream,
  referralStream,
  type CaseEvent,
  type OrganisationEvent,
  type PlaceRequestEvent,
  type ReferralEvent,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { Keyring } from '@passerelle/privacy';
import { PlaceRequestFollowUp } from '@passerelle/subscribers';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import {
  ALL_CATEGORIES,
  ASSO,
  CASE_ID,
  REFUGE,
  asso,
  clinic,
  consentGranted,
  contextOf,
  exactScope,
  identified,
  keyringOnTestDatabase,
  organisationRegistered,
} from '../../testing/use-case.fixtures';
import {
  placeRequestIdOf,
  placeRequestMade,
  REFUGE_B,
  referralIdOf,
  referralOfRequest,
  SHELTERS,
} from '../../testing/place-request.fixtures';
import { MakePlaceRequestCommand, type MakePlaceRequestData } from './make-place-request.command';
import { MakePlaceRequestHandler } from './make-place-request.handler';

const given = CommandHandlerSpecification.for<CaseEvent | OrganisationEvent | ReferralEvent | PlaceRequestEvent>();
const theCase = caseStream(CASE_ID);
const anyRecipient = [
  identified(),
  consentGranted({ recipients: ['any_referral_recipient'], categories: ['identity'], purposes: ['referral'] }),
];
const shelters = SHELTERS.map((id) =>
  existingStream(organisationStream(id), [organisationRegistered(id, 'refuge', ['specialised_shelter'])]),
);
const by = contextOf(asso, { idSeed: 'place-request-1' });

const request = (context: CommandContext, data: Partial<MakePlaceRequestData> = {}) =>
  new MakePlaceRequestCommand(
    {
      caseId: CASE_ID,
      to: SHELTERS,
      service: 'specialised_shelter',
      urgency: 'urgent',
      sharedCategories: ['identity'],
      message: null,
      respondBy: null,
      ...data,
    },
    context,
  );
const made = () =>
  placeRequestMade({
    placeRequestId: placeRequestIdOf(by),
    recipients: SHELTERS.map((organisationId) => ({ organisationId, referralId: referralIdOf(by, organisationId) })),
  });

describe('make place request', () => {
  let keyring: Keyring;
  let close: () => Promise<void>;
  const handler = (store: EventStore, cache = new StreamStateCache()) =>
    new MakePlaceRequestHandler(store, keyring, new RegisteredOrganisations(store), cache, new PlaceRequestFollowUp(store, cache));

  beforeAll(async () => ({ keyring, close } = await keyringOnTestDatabase('make_place_request')));
  afterAll(() => close());

  describe('when her consent covers every shelter', () => {
    it('records the request for its sender only, then one referral per shelter, each seeing what she shared and how many others were asked', () =>
      given(existingStream(theCase, anyRecipient), ...shelters)
        .when(async (store) => {
          const answer = await handler(store).execute(request(by));
          expect(answer).toMatchObject({ placeRequestId: placeRequestIdOf(by), referralIds: SHELTERS.map((to) => referralIdOf(by, to)) });
        })
        .then(
          expectNewEvents(placeRequestStream(placeRequestIdOf(by)), [{ ...made(), metadata: { scope: exactScope({ [ASSO]: [] }) } }]),
          ...SHELTERS.map((to) =>
            expectNewEvents(referralStream(referralIdOf(by, to)), [
              {
                ...referralOfRequest(referralIdOf(by, to), to, made()),
                metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [to]: ['identity'] }) },
              },
            ]),
          ),
        ));

    it('records a retried request (same idSeed) once', () =>
      given(existingStream(theCase, anyRecipient), ...shelters)
        .when(async (store) => {
          const first = await handler(store).execute(request(by));
          expect(await handler(store).execute(request(by))).toEqual(first);
        })
        .then(
          expectNewEvents(placeRequestStream(placeRequestIdOf(by)), [made()]),
          ...SHELTERS.map((to) =>
            expectNewEvents(referralStream(referralIdOf(by, to)), [referralOfRequest(referralIdOf(by, to), to, made())]),
          ),
        ));

    it('answers a partner that does not hold her case as if there were none', () =>
      given(existingStream(theCase, anyRecipient), ...shelters)
        .when((store) => handler(store).execute(request(contextOf(clinic))))
        .thenThrows('REFERRAL.CASE_NOT_FOUND'));
  });

  describe('when her consent leaves a gap', () => {
    it('writes nothing and names every shelter and category not covered', () =>
      given(
        existingStream(theCase, [identified(), consentGranted({ recipients: [REFUGE], categories: ['identity'], purposes: ['referral'] })]),
        ...shelters,
      )
        .when((store) => handler(store).execute(request(by, { sharedCategories: ['identity', 'contact'] })))
        .thenThrows('REFERRAL.CONSENT_MISSING', (error) =>
          expect(error.details).toEqual({
            gaps: [
              { recipient: REFUGE, recipientCovered: true, missingCategories: ['contact'] },
              { recipient: REFUGE_B, recipientCovered: false, missingCategories: ['identity', 'contact'] },
            ],
          }),
        ));
  });

  describe('when a shelter is not registered', () => {
    it('writes nothing and names it', () =>
      given(existingStream(theCase, anyRecipient), shelters[0]!)
        .when((store) => handler(store).execute(request(by)))
        .thenThrows('REFERRAL.UNKNOWN_RECEIVER', (error) => expect(error.details).toEqual({ field: 'to[1]' })));
  });
});
