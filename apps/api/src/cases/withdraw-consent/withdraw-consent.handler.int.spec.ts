import { StreamStateCache } from '@passerelle/command-handling';
import { ANY_REFERRAL_RECIPIENT, caseDecider, caseStream, referralStream, type Actor, type CaseEvent } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@passerelle/event-store';
import type { Keyring } from '@passerelle/privacy';
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
  keyringOnTestDatabase,
  personErased,
  referralMade,
} from '../../testing/use-case.fixtures';
import { openReadSide, SETTINGS, type ReadSide } from '../../testing/read-side.fixtures';
import { ReferralReceivers } from '../referral-receivers';
import { WithdrawConsentCommand } from './withdraw-consent.command';
import { WithdrawConsentHandler } from './withdraw-consent.handler';
import { WITHDRAWAL_REASON_LABEL } from './withdrawal-reason';

const given = CommandHandlerSpecification.for<CaseEvent>();
const theCase = caseStream(CASE_ID);
const consented = [
  identified(),
  consentGranted({ consentId: 'consent-1' }),
  consentGranted({ consentId: 'consent-2', recipients: ['clinic-13'] }),
];

const REASON = 'Awa Diallo asked us to stop sharing';
const withdraw = (who: Actor, consentId = 'consent-1') =>
  new WithdrawConsentCommand({ caseId: CASE_ID, consentId, reason: REASON }, contextOf(who));
/** Her reason is recorded sealed: only its presence is known here (the first test opens it). */
const withdrawn = (consentId: string) => ({
  ...consentWithdrawn(consentId),
  data: { caseId: CASE_ID, consentId, reason: expect.stringMatching(/^v1\./) as string, by: ASSO },
});

describe('withdraw consent', () => {
  let keyring: Keyring;
  let close: () => Promise<void>;
  /** The inbox her referrals are read from (referral-receivers.ts): empty but for the rule that says otherwise. */
  let side: ReadSide;
  const handler = (store: EventStore, cache = new StreamStateCache()) =>
    new WithdrawConsentHandler(store, keyring, cache, new ReferralReceivers(side.fx.store, side.inbox, side.fx.dataSource, SETTINGS));

  beforeAll(async () => {
    ({ keyring, close } = await keyringOnTestDatabase('withdraw_consent'));
    side = await openReadSide('withdraw_consent_inbox');
  });
  afterAll(async () => {
    await side.close();
    await close();
  });

  describe('when the consent named any organisation she is referred to', () => {
    it('tells the organisations she was referred to, with none of her categories', async () => {
      const caseId = randomUUID();
      const referralId = randomUUID();
      const toAnyReceiver = consentGranted({ consentId: 'consent-any', recipients: [ANY_REFERRAL_RECIPIENT], purposes: ['referral'] });
      await side.given(
        [caseStream(caseId), [identified({ caseId }), { ...toAnyReceiver, data: { ...toAnyReceiver.data, caseId } }]],
        [referralStream(referralId), [referralMade({ caseId, referralId, to: REFUGE })]],
      );
      await handler(side.fx.store).execute(new WithdrawConsentCommand({ caseId, consentId: 'consent-any', reason: null }, contextOf(asso)));

      const events = await side.fx.store.readStream(caseStream(caseId));
      expect(events.at(-1)).toMatchObject({
        type: 'ConsentWithdrawn',
        metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE]: [] }) },
      });
    });
  });

  describe('when her consent is active', () => {
    it('seals her reason with her case key: it may name her, so it must go with her key on erasure', () =>
      given(existingStream(theCase, consented))
        .when(async (store) => {
          await handler(store).execute(withdraw(asso));
          const [event] = await store.readStream(theCase, { fromRevision: 3n });
          const sealed = (event?.data as { reason: string }).reason;
          expect(JSON.stringify({ data: event?.data, metadata: event?.metadata })).not.toContain('Diallo');
          expect(await keyring.open(CASE_ID, sealed, WITHDRAWAL_REASON_LABEL)).toBe(REASON);
        })
        .then(expectNewEvents(theCase, [withdrawn('consent-1')])));

    it('records a withdrawal without a reason as such', () =>
      given(existingStream(theCase, consented))
        .when((store) =>
          handler(store).execute(new WithdrawConsentCommand({ caseId: CASE_ID, consentId: 'consent-2', reason: null }, contextOf(asso))),
        )
        .then(
          expectNewEvents(theCase, [
            { ...consentWithdrawn('consent-2'), data: { caseId: CASE_ID, consentId: 'consent-2', reason: null, by: ASSO } },
          ]),
        ));

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
