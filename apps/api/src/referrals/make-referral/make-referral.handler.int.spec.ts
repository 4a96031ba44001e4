import { commandId, StreamStateCache, type CommandContext } from '@passerelle/command-handling';
import {
  caseDecider,
  caseStream,
  organisationStream,
  referralStream,
  type Actor,
  type CaseEvent,
  type OrganisationEvent,
  type ReferralEvent,
  type ReferralMade,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { Keyring } from '@passerelle/privacy';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import {
  ALL_CATEGORIES,
  ASSO,
  CASE_ID,
  CLINIC,
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
  organisationRegistered,
  personErased,
  referralMade,
} from '../../testing/use-case.fixtures';
import { MakeReferralCommand, type MakeReferralData } from './make-referral.command';
import { MakeReferralHandler } from './make-referral.handler';

const given = CommandHandlerSpecification.for<CaseEvent | OrganisationEvent | ReferralEvent>();
const theCase = caseStream(CASE_ID);
const consented = [identified(), consentGranted({ recipients: [REFUGE], purposes: ['referral'] })];
const refugeIsRegistered = existingStream(organisationStream(REFUGE), [organisationRegistered(REFUGE, 'refuge', ['specialised_shelter'])]);
const MESSAGE = 'She needs a safe place tonight';

const refer = (context: CommandContext, data: Partial<MakeReferralData> = {}) =>
  new MakeReferralCommand(
    {
      caseId: CASE_ID,
      to: REFUGE,
      service: 'specialised_shelter',
      urgency: 'urgent',
      sharedCategories: ['identity', 'contact'],
      message: MESSAGE,
      respondBy: null,
      ...data,
    },
    context,
  );
const by = (who: Actor, idSeed = 'refer-1') => contextOf(who, { idSeed });
const referralOf = (context: CommandContext) => referralStream(commandId(context, 'referral'));
const referred = (context: CommandContext): ReferralMade =>
  referralMade({ referralId: commandId(context, 'referral'), message: expect.stringMatching(/^v1\./) as string });

describe('make referral', () => {
  let keyring: Keyring;
  let close: () => Promise<void>;
  const handler = (store: EventStore, cache = new StreamStateCache()) =>
    new MakeReferralHandler(store, keyring, new RegisteredOrganisations(store), cache);

  beforeAll(async () => ({ keyring, close } = await keyringOnTestDatabase('make_referral')));
  afterAll(() => close());

  describe('when her consent names the receiver for referral', () => {
    it('records the referral under an id made from the idSeed, its message sealed, the receiver seeing what she shared', () =>
      given(existingStream(theCase, consented), refugeIsRegistered)
        .when(async (store) => {
          await handler(store).execute(refer(by(asso)));
          const [made] = await store.readStream(referralOf(by(asso)));
          expect(await keyring.open(CASE_ID, (made?.data as ReferralMade['data']).message ?? '')).toBe(MESSAGE);
        })
        .then(
          expectNewEvents(referralOf(by(asso)), [
            { ...referred(by(asso)), metadata: { scope: exactScope({ [ASSO]: ALL_CATEGORIES, [REFUGE]: ['identity', 'contact'] }) } },
          ]),
        ));

    it('records a retried request (same idSeed) once', () =>
      given(existingStream(theCase, consented), refugeIsRegistered)
        .when(async (store) => {
          const first = await handler(store).execute(refer(by(asso)));
          expect(await handler(store).execute(refer(by(asso)))).toEqual(first);
        })
        .then(expectNewEvents(referralOf(by(asso)), [referred(by(asso))])));

    it('refuses a receiver that is not a registered organisation', () =>
      given(existingStream(theCase, [identified(), consentGranted({ recipients: ['nobody-00'], purposes: ['referral'] })]))
        .when((store) => handler(store).execute(refer(by(asso), { to: 'nobody-00' })))
        .thenThrows('REFERRAL.UNKNOWN_RECEIVER'));

    it('refuses a category her consent does not cover', () =>
      given(existingStream(theCase, consented), refugeIsRegistered)
        .when((store) => handler(store).execute(refer(by(asso), { sharedCategories: ['identity', 'health'] })))
        .thenThrows('REFERRAL.CONSENT_MISSING', (error) => expect(error.details).toMatchObject({ missingCategories: ['health'] })));

    it('answers a partner that does not hold her case as if there were none', () =>
      given(existingStream(theCase, consented), refugeIsRegistered)
        .when((store) => handler(store).execute(refer(by(clinic))))
        .thenThrows('REFERRAL.CASE_NOT_FOUND'));
  });

  describe('when no active consent names the receiver', () => {
    it('refuses a receiver she did not consent to', () =>
      given(existingStream(theCase, [identified(), consentGranted({ recipients: [CLINIC], purposes: ['referral'] })]), refugeIsRegistered)
        .when((store) => handler(store).execute(refer(by(asso))))
        .thenThrows('REFERRAL.CONSENT_MISSING'));

    it('refuses once she withdrew her consent', () =>
      given(existingStream(theCase, [...consented, consentWithdrawn()]), refugeIsRegistered)
        .when((store) => handler(store).execute(refer(by(asso))))
        .thenThrows('REFERRAL.CONSENT_MISSING'));

    it('refuses on fresh state even when this process cached her case before another process recorded the withdrawal', () =>
      given(existingStream(theCase, [...consented, consentWithdrawn()]), refugeIsRegistered)
        .when((store) => handler(store, cacheHolding(theCase, caseDecider, consented)).execute(refer(by(asso))))
        .thenThrows('REFERRAL.CONSENT_MISSING'));
  });

  describe('when she was erased', () => {
    it('refuses the referral', () =>
      given(existingStream(theCase, [...consented, personErased()]), refugeIsRegistered)
        .when((store) => handler(store).execute(refer(by(asso))))
        .thenThrows('CASE.ERASED'));
  });
});
