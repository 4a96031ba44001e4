import { StreamStateCache } from '@passerelle/command-handling';
import { referralDecider, type Actor, type CaseEvent, type ReferralEvent } from '@passerelle/domain';
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
  contextOf,
  exactScope,
  keyringOnTestDatabase,
  refuge,
  REFERRAL_TO_REFUGE,
} from '../../testing/use-case.fixtures';
import { MoveReferral } from '../move-referral';
import { DeclineReferralCommand } from './decline-referral.command';
import { DeclineReferralHandler } from './decline-referral.handler';

const given = CommandHandlerSpecification.for<CaseEvent | ReferralEvent>();
const { theReferral, consented, made, accepted } = REFERRAL_TO_REFUGE;
const NOTE = 'No room before next week';

const decline = (who: Actor, note: string | null = null) =>
  new DeclineReferralCommand({ referralId: REFERRAL_ID, reason: 'no_capacity', note }, contextOf(who));
const declined = (note: string | null = null): ReferralEvent => ({
  type: 'ReferralDeclined',
  data: { referralId: REFERRAL_ID, by: REFUGE, reason: 'no_capacity', note },
});

describe('decline referral', () => {
  let keyring: Keyring;
  let close: () => Promise<void>;
  const handler = (store: EventStore, cache = new StreamStateCache()) =>
    new DeclineReferralHandler(new MoveReferral(store, keyring, cache));

  beforeAll(async () => ({ keyring, close } = await keyringOnTestDatabase('decline_referral')));
  afterAll(() => close());

  describe('when referred', () => {
    it('records the refusal by the receiver with its reason, its note sealed with her data key', () =>
      given(consented, existingStream(theReferral, [made]))
        .when(async (store) => {
          expect(await handler(store).execute(decline(refuge, NOTE))).toMatchObject({ status: 'declined' });
          const [, refusal] = await store.readStream(theReferral);
          expect(await keyring.open(CASE_ID, (refusal?.data as { note: string }).note)).toBe(NOTE);
        })
        .then(
          expectNewEvents(theReferral, [
            {
              ...declined(expect.stringMatching(/^v1\./) as string),
              metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE]: ['identity', 'contact'] }) },
            },
          ]),
        ));

    it('refuses a decline by anyone but the receiver', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(decline(asso)))
        .thenThrows('REFERRAL.NOT_RECEIVER'));

    it('answers an organisation that is neither party as if there were no referral', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(decline(clinic)))
        .thenThrows('REFERRAL.NOT_FOUND'));
  });

  describe('when already answered', () => {
    it('refuses to decline an accepted or declined referral', async () => {
      for (const answer of [accepted, declined()]) {
        await given(consented, existingStream(theReferral, [made, answer]))
          .when((store) => handler(store).execute(decline(refuge)))
          .thenThrows('REFERRAL.INVALID_TRANSITION');
      }
    });

    it('refuses on fresh state even when this process cached the referral before it was accepted elsewhere: one answer, not two', () =>
      given(consented, existingStream(theReferral, [made, accepted]))
        .when((store) => handler(store, cacheHolding(theReferral, referralDecider, [made])).execute(decline(refuge)))
        .thenThrows('REFERRAL.INVALID_TRANSITION'));
  });
});
