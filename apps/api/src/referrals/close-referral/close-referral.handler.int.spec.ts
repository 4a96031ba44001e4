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
import { CloseReferralCommand } from './close-referral.command';
import { CloseReferralHandler } from './close-referral.handler';

const given = CommandHandlerSpecification.for<CaseEvent | ReferralEvent>();
const { theReferral, consented, made, accepted } = REFERRAL_TO_REFUGE;
const NOTE = 'She stayed three months and has her own flat';

const close = (who: Actor, note: string | null = null) =>
  new CloseReferralCommand({ referralId: REFERRAL_ID, outcome: 'service_provided', note }, contextOf(who));
const closed = (by: string, note: string | null = null): ReferralEvent => ({
  type: 'ReferralClosed',
  data: { referralId: REFERRAL_ID, by, outcome: 'service_provided', note },
});

describe('close referral', () => {
  let keyring: Keyring;
  let closeKeyring: () => Promise<void>;
  const handler = (store: EventStore, cache = new StreamStateCache()) => new CloseReferralHandler(new MoveReferral(store, keyring, cache));

  beforeAll(async () => ({ keyring, close: closeKeyring } = await keyringOnTestDatabase('close_referral')));
  afterAll(() => closeKeyring());

  describe('when accepted', () => {
    it('records the closure by the receiver with its outcome, its note sealed with her data key', () =>
      given(consented, existingStream(theReferral, [made, accepted]))
        .when(async (store) => {
          expect(await handler(store).execute(close(refuge, NOTE))).toMatchObject({ status: 'closed' });
          const closure = (await store.readStream(theReferral)).at(-1);
          expect(await keyring.open(CASE_ID, (closure?.data as { note: string }).note)).toBe(NOTE);
        })
        .then(
          expectNewEvents(theReferral, [
            {
              ...closed(REFUGE, expect.stringMatching(/^v1\./) as string),
              metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE]: ['identity', 'contact'] }) },
            },
          ]),
        ));

    it('lets the sender close it too', () =>
      given(consented, existingStream(theReferral, [made, accepted]))
        .when((store) => handler(store).execute(close(asso)))
        .then(expectNewEvents(theReferral, [closed(ASSO)])));

    it('answers an organisation that is neither party as if there were no referral', () =>
      given(consented, existingStream(theReferral, [made, accepted]))
        .when((store) => handler(store).execute(close(clinic)))
        .thenThrows('REFERRAL.NOT_FOUND'));

    it('refuses a second closure on fresh state even when this process cached the referral before the sender closed it elsewhere', () =>
      given(consented, existingStream(theReferral, [made, accepted, closed(ASSO)]))
        .when((store) => handler(store, cacheHolding(theReferral, referralDecider, [made, accepted])).execute(close(refuge)))
        .thenThrows('REFERRAL.INVALID_TRANSITION'));
  });

  describe('when not accepted', () => {
    it('refuses to close a referral still waiting for an answer', () =>
      given(consented, existingStream(theReferral, [made]))
        .when((store) => handler(store).execute(close(refuge)))
        .thenThrows('REFERRAL.INVALID_TRANSITION'));
  });

  describe('when closed', () => {
    it('refuses to close it again', () =>
      given(consented, existingStream(theReferral, [made, accepted, closed(ASSO)]))
        .when((store) => handler(store).execute(close(refuge)))
        .thenThrows('REFERRAL.INVALID_TRANSITION'));
  });

  describe('when another process accepted it after this one cached it as referred', () => {
    it('closes it: a refusal on the cached state is decided again on a fresh read', () =>
      given(consented, existingStream(theReferral, [made, accepted]))
        .when((store) =>
          new CloseReferralHandler(new MoveReferral(store, keyring, cacheHolding(theReferral, referralDecider, [made]))).execute(
            new CloseReferralCommand({ referralId: REFERRAL_ID, outcome: 'service_provided', note: null }, contextOf(refuge)),
          ),
        )
        .then(
          expectNewEvents(theReferral, [
            { type: 'ReferralClosed', data: { referralId: REFERRAL_ID, by: REFUGE, outcome: 'service_provided', note: null } },
          ]),
        ));
  });
});
