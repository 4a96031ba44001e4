import { commandId, StreamStateCache, type CommandContext } from '@passerelle/command-handling';
import {
  ANY_REFERRAL_RECIPIENT,
  caseDecider,
  caseStream,
  organisationStream,
  type Actor,
  type CaseEvent,
  type OrganisationEvent,
} from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream, expectNewEvents } from '@passerelle/testing';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import type { ConsentInput } from '../person';
import {
  ALL_CATEGORIES as ALL,
  ASSO,
  CASE_ID,
  REFUGE,
  asso,
  cacheHolding,
  clinic,
  consentGranted,
  contextOf,
  exactScope,
  identified,
  organisationRegistered,
  personErased,
} from '../../testing/use-case.fixtures';
import { GrantConsentCommand } from './grant-consent.command';
import { GrantConsentHandler } from './grant-consent.handler';

const given = CommandHandlerSpecification.for<CaseEvent | OrganisationEvent>();
const theCase = caseStream(CASE_ID);
const refugeIsRegistered = existingStream(organisationStream(REFUGE), [organisationRegistered(REFUGE, 'refuge', ['shelter'])]);

const consent = (data: Partial<ConsentInput> = {}): ConsentInput => ({
  recipients: [REFUGE],
  categories: ['identity', 'contact'],
  purposes: ['referral'],
  method: 'verbal',
  language: 'fr',
  ...data,
});
const grant = (context: CommandContext, data: Partial<ConsentInput> = {}) =>
  new GrantConsentCommand({ caseId: CASE_ID, consent: consent(data) }, context);
const handler = (store: EventStore, cache = new StreamStateCache()) =>
  new GrantConsentHandler(store, new RegisteredOrganisations(store), cache);
const grantedFrom = (context: CommandContext, recipients = [REFUGE]) =>
  consentGranted({ consentId: commandId(context, 'consent'), recipients, categories: ['identity', 'contact'], purposes: ['referral'] });
const by = (who: Actor, idSeed = 'grant-1') => contextOf(who, { idSeed });

describe('grant consent', () => {
  describe('when her case is open', () => {
    it('records her consent under an id made from the idSeed, visible to the recipients it names', () =>
      given(existingStream(theCase, [identified()]), refugeIsRegistered)
        .when((store) => handler(store).execute(grant(by(asso))))
        .then(
          expectNewEvents(theCase, [
            { ...grantedFrom(by(asso)), metadata: { scope: exactScope({ [REFUGE]: ['identity', 'contact'], [ASSO]: ALL }) } },
          ]),
        ));

    it('refuses a recipient that is not a registered organisation', () =>
      given(existingStream(theCase, [identified()]), refugeIsRegistered)
        .when((store) => handler(store).execute(grant(by(asso), { recipients: [REFUGE, 'nobody-00'] })))
        .thenThrows('CONSENT.UNKNOWN_RECIPIENT', (error) => expect(error.details).toEqual({ recipients: [1] })));

    it('takes any_referral_recipient without looking it up, and names no one in the scope for it', () =>
      given(existingStream(theCase, [identified()]))
        .when((store) => handler(store).execute(grant(by(asso), { recipients: [ANY_REFERRAL_RECIPIENT] })))
        .then(
          expectNewEvents(theCase, [
            { ...grantedFrom(by(asso), [ANY_REFERRAL_RECIPIENT]), metadata: { scope: exactScope({ [ASSO]: ALL }) } },
          ]),
        ));

    it('answers a partner that does not hold her case as if there were none', () =>
      given(existingStream(theCase, [identified()]), refugeIsRegistered)
        .when((store) => handler(store).execute(grant(by(clinic))))
        .thenThrows('CASE.NOT_FOUND'));

    it('records a retried request (same idSeed) once: the retry is refused as CONSENT.ALREADY_EXISTS', () =>
      given(existingStream(theCase, [identified()]), refugeIsRegistered)
        .when(async (store) => {
          const grants = handler(store);
          await grants.execute(grant(by(asso)));
          await expect(grants.execute(grant(by(asso)))).rejects.toMatchObject({ code: 'CONSENT.ALREADY_EXISTS' });
        })
        .then(expectNewEvents(theCase, [grantedFrom(by(asso))])));
  });

  describe('when she was erased', () => {
    it('refuses any new consent', () =>
      given(existingStream(theCase, [identified(), personErased()]), refugeIsRegistered)
        .when((store) => handler(store).execute(grant(by(asso))))
        .thenThrows('CASE.ERASED'));

    it('refuses it on fresh state even when this process cached her case before another erased her', () =>
      given(existingStream(theCase, [identified(), personErased()]), refugeIsRegistered)
        .when((store) => handler(store, cacheHolding(theCase, caseDecider, [identified()])).execute(grant(by(asso))))
        .thenThrows('CASE.ERASED'));
  });
});
