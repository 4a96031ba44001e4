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
import { WithdrawReferralCommand } from './withdraw-referral.command';
import { WithdrawReferralHandler } from './withdraw-referral.handler';

const given = CommandHandlerSpecification.for<CaseEvent | ReferralEvent>();
const { theReferral, consented, made, accepted } = REFERRAL_TO_REFUGE;
const NOTE = 'She found a place with her sister';

const withdraw = (who: Actor, note: string | null = null) =>
  new WithdrawReferralCommand({ referralId: REFERRAL_ID, reason: 'no_longer_needed', note }, contextOf(who));
const withdrawn = (note: string | null = null): ReferralEvent => ({
  type: 'ReferralWithdrawn',
  data: { referralId: REFERRAL_ID, by: ASSO, reason: 'no_longer_needed', note },
});

describe('withdraw referral', () => {
  let keyring: Keyring;
  let close: () => Promise<void>;
  const handler = (store: EventStore, cache = new StreamStateCache()) =>
    new WithdrawReferralHandler(new MoveReferral(store, keyring, cache));

  beforeAll(async () => ({ keyring, close } = await keyringOnTestDatabase('withdraw_referral')));
  afterAll(() => close());

  describe('when referred', () => {
    it('records the withdrawal by the sender with its reason, its note sealed with her data key', () =>
      given(consented, existingStream(theReferral, [made]))
        .when(async (store) => {
          expect(await handler(store).execute(withdraw(asso, NOTE))).toMatchObject({ status: 'withdrawn' });
          const [, withdrawal] = await store.readStream(theReferral);
          expect(await keyring.open(CASE_ID, (withdrawal?.data as { note: string }).note)).toBe(NOTE);
        })
        .then(
          expectNewEvents(theReferral, [
            {
              ...withdrawn(expect.stringMatching(/^v1\./) as string),
              metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE]: ['identity', 'contact'] }) },
            },
          ]),
        ));

    it('refuses a withdrawal by anyone but the sender', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(withdraw(refuge)))
        .thenThrows('REFERRAL.NOT_SENDER'));

    it('answers an organisation that is neither party as if there were no referral', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(withdraw(clinic)))
        .thenThrows('REFERRAL.NOT_FOUND'));
  });

  describe('when already answered', () => {
    it('refuses to withdraw an accepted or withdrawn referral', async () => {
      for (const answer of [accepted, withdrawn()]) {
        await given(consented, existingStream(theReferral, [made, answer]))
          .when((store) => handler(store).execute(withdraw(asso)))
          .thenThrows('REFERRAL.INVALID_TRANSITION');
      }
    });

    it('refuses on fresh state even when this process cached the referral before the receiver accepted it elsewhere', () =>
      given(consented, existingStream(theReferral, [made, accepted]))
        .when((store) => handler(store, cacheHolding(theReferral, referralDecider, [made])).execute(withdraw(asso)))
        .thenThrows('REFERRAL.INVALID_TRANSITION'));
  });
});
