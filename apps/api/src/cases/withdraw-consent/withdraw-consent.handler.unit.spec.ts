import { StreamStateCache } from '@passerelle/command-handling';
import { caseDecider, caseStream, type Actor, type CaseEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import {
  ALL_CATEGORIES,
  ASSO,
  CASE_ID,
  REFUGE,
  asso,
  cacheHolding,
  clinic,
  consentGranted,
  consentWithdrawn,
  contextOf,
  exactScope,
  identified,
  personErased,
} from '../../testing/use-case.fixtures';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentHandler } from './withdraw-consent.handler';

const given = CommandHandlerSpecification.for<CaseEvent>();
const theCase = caseStream(CASE_ID);
const consented = [
  identified(),
  consentGranted({ consentId: 'consent-1' }),
  consentGranted({ consentId: 'consent-2', recipients: ['clinic-13'] }),
];

const REASON = 'She asked to stop sharing';
const withdraw = (who: Actor, consentId = 'consent-1') =>
  new WithdrawConsentCommand({ caseId: CASE_ID, consentId, reason: REASON }, contextOf(who));
const withdrawn = (consentId: string) => ({
  ...consentWithdrawn(consentId),
  data: { caseId: CASE_ID, consentId, reason: REASON, by: ASSO },
});
const handler = (store: EventStore, cache = new StreamStateCache()) => new WithdrawConsentHandler(store, cache);

describe('withdraw consent', () => {
  describe('when her consent is active', () => {
    it('records the withdrawal, told to its recipients with none of her categories', () =>
      given(existingStream(theCase, consented))
        .when((store) => handler(store).execute(withdraw(asso)))
        .then(
          expectNewEvents(theCase, [
            {
              ...withdrawn('consent-1'),
              // REFUGE learns of the withdrawal and sees nothing more; CLINIC's own consent still stands.
              metadata: {
                scope: exactScope({ [REFUGE]: [], 'clinic-13': ['identity', 'contact', 'vulnerability'], [ASSO]: ALL_CATEGORIES }),
              },
            },
          ]),
        ));

    it('refuses a consent that is not on her case', () =>
      given(existingStream(theCase, consented))
        .when((store) => handler(store).execute(withdraw(asso, 'consent-9')))
        .thenThrows('CONSENT.NOT_FOUND'));

    it('answers a partner that does not hold her case as if there were none', () =>
      given(existingStream(theCase, consented))
        .when((store) => handler(store).execute(withdraw(clinic)))
        .thenThrows('CASE.NOT_FOUND'));
  });

  describe('when her consent was already withdrawn', () => {
    it('refuses to withdraw it again', () =>
      given(existingStream(theCase, [...consented, consentWithdrawn('consent-1')]))
        .when((store) => handler(store).execute(withdraw(asso)))
        .thenThrows('CONSENT.ALREADY_WITHDRAWN'));

    it('refuses it on fresh state even when this process cached her case before another withdrew it', () =>
      given(existingStream(theCase, [...consented, consentWithdrawn('consent-1')]))
        .when((store) => handler(store, cacheHolding(theCase, caseDecider, consented)).execute(withdraw(asso)))
        .thenThrows('CONSENT.ALREADY_WITHDRAWN'));

    it('withdraws another consent on fresh state, its scope computed after the first withdrawal', () =>
      given(existingStream(theCase, [...consented, consentWithdrawn('consent-1')]))
        .when((store) => handler(store, cacheHolding(theCase, caseDecider, consented)).execute(withdraw(asso, 'consent-2')))
        .then(
          expectNewEvents(theCase, [
            {
              ...withdrawn('consent-2'),
              metadata: { scope: exactScope({ 'clinic-13': [], [ASSO]: ALL_CATEGORIES }) },
            },
          ]),
        ));
  });

  describe('when she was erased', () => {
    it('refuses the withdrawal: erasure already dropped every consent', () =>
      given(existingStream(theCase, [...consented, personErased()]))
        .when((store) => handler(store).execute(withdraw(asso)))
        .thenThrows('CASE.ERASED'));
  });

  describe('when another process granted a consent after this one cached her case', () => {
    it('withdraws it: a refusal on the cached state is decided again on a fresh read', () =>
      given(existingStream(theCase, consented))
        .when((store) =>
          handler(store, cacheHolding(theCase, caseDecider, [identified(), consentGranted({ consentId: 'consent-1' })])).execute(
            withdraw(asso, 'consent-2'),
          ),
        )
        .then(expectNewEvents(theCase, [withdrawn('consent-2')])));
  });
});
