import { StreamStateCache } from '@passerelle/command-handling';
import {
  caseStream,
  placeRequestStream,
  referralDecider,
  referralStream,
  type Actor,
  type CaseEvent,
  type PlaceRequestEvent,
  type ReferralEvent,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { Keyring } from '@passerelle/privacy';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import {
  ALL_CATEGORIES,
  ASSO,
  CASE_ID,
  REFERRAL_ID,
  REFUGE,
  asso,
  cacheHolding,
  clinic,
  consentGranted,
  consentWithdrawn,
  contextOf,
  exactScope,
  identified,
  keyringOnTestDatabase,
  personErased,
  referralMade,
  refuge,
} from '../../testing/use-case.fixtures';
import { createInMemoryEventStore } from '@passerelle/event-store/in-memory';
import { aMetadata } from '@passerelle/event-store/testing';
import { PlaceRequestFollowUp } from '@passerelle/subscribers';
import { randomUUID } from 'node:crypto';
import { MoveReferral } from '../move-referral';
import { AcceptPlacement } from './accept-placement';
import {
  PLACE_REQUEST_ID,
  placedThrough,
  placeRequestMade,
  REFUGE_B,
  referralOfRequest,
  TO_REFUGE,
  TO_REFUGE_B,
} from '../../testing/place-request.fixtures';
import { AcceptReferralCommand } from './accept-referral.command';
import { AcceptReferralHandler } from './accept-referral.handler';

const given = CommandHandlerSpecification.for<CaseEvent | ReferralEvent | PlaceRequestEvent>();
const theCase = caseStream(CASE_ID);
const theReferral = referralStream(REFERRAL_ID);
const consented = existingStream(theCase, [identified(), consentGranted({ recipients: [REFUGE], purposes: ['referral'] })]);
const made = referralMade();
const NOTE = 'We have a room from tonight';

const accept = (who: Actor, note: string | null = null) => new AcceptReferralCommand({ referralId: REFERRAL_ID, note }, contextOf(who));
const accepted = (note: string | null = null): ReferralEvent => ({
  type: 'ReferralAccepted',
  data: { referralId: REFERRAL_ID, by: REFUGE, note },
});

describe('accept referral', () => {
  let keyring: Keyring;
  let close: () => Promise<void>;
  const handler = (store: EventStore, cache = new StreamStateCache()) =>
    new AcceptReferralHandler(
      new MoveReferral(store, keyring, cache),
      new AcceptPlacement(store, keyring, cache, new PlaceRequestFollowUp(store, cache)),
      store,
      cache,
    );

  beforeAll(async () => ({ keyring, close } = await keyringOnTestDatabase('accept_referral')));
  afterAll(() => close());

  describe('when referred', () => {
    it('records the acceptance by the receiver, its note sealed with her data key', () =>
      given(consented, existingStream(theReferral, [made]))
        .when(async (store) => {
          expect(await handler(store).execute(accept(refuge, NOTE))).toMatchObject({ referralId: REFERRAL_ID, status: 'accepted' });
          const [, acceptance] = await store.readStream(theReferral);
          expect(await keyring.open(CASE_ID, (acceptance?.data as { note: string }).note)).toBe(NOTE);
        })
        .then(
          expectNewEvents(theReferral, [
            {
              ...accepted(expect.stringMatching(/^v1\./) as string),
              metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE]: ['identity', 'contact'] }) },
            },
          ]),
        ));

    it('refuses acceptance by anyone but the receiver', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(accept(asso)))
        .thenThrows('REFERRAL.NOT_RECEIVER'));

    it('answers an organisation that is neither party as if there were no referral', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(accept(clinic)))
        .thenThrows('REFERRAL.NOT_FOUND'));

    it('records the acceptance after she withdrew her consent, but the receiver sees none of her data with it', () =>
      given(
        existingStream(theCase, [identified(), consentGranted({ recipients: [REFUGE], purposes: ['referral'] }), consentWithdrawn()]),
        existingStream(theReferral, [made]),
      )
        .when((store) => handler(store).execute(accept(refuge)))
        .then(
          expectNewEvents(theReferral, [{ ...accepted(), metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE]: [] }) } }]),
        ));

    it('records the acceptance after she was erased, without its note: nothing about her can be sealed any more', () =>
      given(existingStream(theCase, [identified(), personErased()]), existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(accept(refuge, NOTE)))
        .then(expectNewEvents(theReferral, [{ ...accepted(null), metadata: { scope: exactScope({ [ASSO]: [], [REFUGE]: [] }) } }])));
  });

  describe('when the caller says which revision it saw (FHIR If-Match)', () => {
    const acceptAt = (expectedRevision: bigint) =>
      new AcceptReferralCommand({ referralId: REFERRAL_ID, note: null, expectedRevision }, contextOf(refuge));

    it('accepts when the referral is still at that revision', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(acceptAt(0n)))
        .then(expectNewEvents(theReferral, [accepted()])));

    it('refuses when the referral moved since, and records nothing', () =>
      given(
        consented,
        existingStream(theReferral, [
          made,
          { type: 'ReferralWithdrawn', data: { referralId: REFERRAL_ID, by: ASSO, reason: 'other', note: null } },
        ]),
      )
        .when((store) => handler(store).execute(acceptAt(0n)))
        .thenThrows('STREAM.WRONG_EXPECTED_REVISION'));
  });

  describe('when already answered', () => {
    it('refuses to accept a declined or withdrawn referral', async () => {
      const declined: ReferralEvent = {
        type: 'ReferralDeclined',
        data: { referralId: REFERRAL_ID, by: REFUGE, reason: 'no_capacity', note: null },
      };
      const withdrawn: ReferralEvent = {
        type: 'ReferralWithdrawn',
        data: { referralId: REFERRAL_ID, by: ASSO, reason: 'no_longer_needed', note: null },
      };
      for (const answer of [declined, withdrawn, accepted()]) {
        await given(consented, existingStream(theReferral, [made, answer]))
          .when((store) => handler(store).execute(accept(refuge)))
          .thenThrows('REFERRAL.INVALID_TRANSITION');
      }
    });

    it('refuses on fresh state even when this process cached the referral before the sender withdrew it elsewhere', () =>
      given(
        consented,
        existingStream(theReferral, [
          made,
          { type: 'ReferralWithdrawn', data: { referralId: REFERRAL_ID, by: ASSO, reason: 'other', note: null } },
        ]),
      )
        .when((store) => handler(store, cacheHolding(theReferral, referralDecider, [made])).execute(accept(refuge)))
        .thenThrows('REFERRAL.INVALID_TRANSITION'));
  });

  describe('when there is no such referral', () => {
    it('refuses the acceptance', () =>
      given(consented)
        .when((store) => handler(store).execute(accept(refuge)))
        .thenThrows('REFERRAL.NOT_FOUND'));
  });

  describe('when it is one of a place request’s referrals', () => {
    const theRequest = placeRequestStream(PLACE_REQUEST_ID);
    const anyRecipient = existingStream(theCase, [
      identified(),
      consentGranted({ recipients: ['any_referral_recipient'], purposes: ['referral'] }),
    ]);
    const referrals = [
      existingStream<ReferralEvent>(referralStream(TO_REFUGE), [referralOfRequest(TO_REFUGE, REFUGE)]),
      existingStream<ReferralEvent>(referralStream(TO_REFUGE_B), [referralOfRequest(TO_REFUGE_B, REFUGE_B)]),
    ];
    const acceptOf = (who: Actor, referralId: string) => new AcceptReferralCommand({ referralId, note: null }, contextOf(who));
    const refugeB = { ...refuge, organisationId: REFUGE_B, keyId: 'key-refuge-59' };

    it('places her through the first acceptance, then accepts that referral and withdraws the other (placed_elsewhere)', () =>
      given(anyRecipient, existingStream(theRequest, [placeRequestMade()]), ...referrals)
        .when(async (store) =>
          expect(await handler(store).execute(acceptOf(refuge, TO_REFUGE))).toMatchObject({
            status: 'accepted',
            placeRequestId: PLACE_REQUEST_ID,
          }),
        )
        .then(
          expectNewEvents(theRequest, [{ ...placedThrough(TO_REFUGE, REFUGE), metadata: { scope: exactScope({ [ASSO]: [] }) } }]),
          expectNewEvents(referralStream(TO_REFUGE), [
            { type: 'ReferralAccepted', data: { referralId: TO_REFUGE, by: REFUGE, note: null } },
          ]),
          expectNewEvents(referralStream(TO_REFUGE_B), [
            {
              type: 'ReferralWithdrawn',
              data: { referralId: TO_REFUGE_B, by: ASSO, reason: 'placed_elsewhere', note: null },
              metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE_B]: ['identity'] }) },
            },
          ]),
        ));

    it('refuses every later acceptance with PLACE_REQUEST.ALREADY_PLACED', () =>
      given(anyRecipient, existingStream(theRequest, [placeRequestMade(), placedThrough(TO_REFUGE, REFUGE)]), ...referrals)
        .when((store) => handler(store).execute(acceptOf(refugeB, TO_REFUGE_B)))
        .thenThrows('PLACE_REQUEST.ALREADY_PLACED'));

    it('completes, on a retry, a placement whose referrals were not followed up (a crash between the appends)', () =>
      given(anyRecipient, existingStream(theRequest, [placeRequestMade(), placedThrough(TO_REFUGE, REFUGE)]), ...referrals)
        .when((store) => handler(store).execute(acceptOf(refuge, TO_REFUGE)))
        .then(
          expectNewEvents(referralStream(TO_REFUGE), [
            { type: 'ReferralAccepted', data: { referralId: TO_REFUGE, by: REFUGE, note: null } },
          ]),
          expectNewEvents(referralStream(TO_REFUGE_B), [
            { type: 'ReferralWithdrawn', data: { referralId: TO_REFUGE_B, by: ASSO, reason: 'placed_elsewhere', note: null } },
          ]),
        ));

    it('lets only one of two acceptances sent at the same instant, by two processes, place her', async () => {
      const store = createInMemoryEventStore();
      for (const [stream, events] of [anyRecipient, existingStream(theRequest, [placeRequestMade()]), ...referrals]) {
        await store.appendToStream(
          stream,
          events.map((event) => ({ eventId: randomUUID(), ...event, metadata: aMetadata() })),
          { expectedRevision: 'any' },
        );
      }
      const outcomes = await Promise.allSettled([
        handler(store).execute(acceptOf(refuge, TO_REFUGE)),
        handler(store).execute(acceptOf(refugeB, TO_REFUGE_B)),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'PLACE_REQUEST.ALREADY_PLACED' } });
      expect((await store.readStream(theRequest)).filter((e) => e.type === 'PlaceRequestPlaced')).toHaveLength(1);
      await store.close();
    });
  });
});
