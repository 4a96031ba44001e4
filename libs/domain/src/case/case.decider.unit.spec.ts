import { DeciderSpecification } from '../../../testing/src/decider-specification';
import {
  ASSO,
  CASE_ID,
  POLICE,
  REFUGE,
  admin,
  asso,
  by,
  clinic,
  consentGranted,
  coordinator,
  fromNow,
  identified,
  identify,
  police,
  refuge,
  terms,
} from '../testing/domain.fixtures';
import type { Actor } from '../shared/metadata';
import type { ConsentTerms, ErasePerson, GrantConsent, WithdrawConsent } from './case.commands';
import type { ConsentWithdrawn, PersonErased } from './case.events';
import { caseDecider } from './case.decider';

const spec = DeciderSpecification.for(caseDecider);

const grant = (who: Actor, consent: Partial<ConsentTerms> = {}, unknownRecipients: string[] = []): GrantConsent => ({
  type: 'GrantConsent',
  data: { caseId: CASE_ID, consent: terms(consent), unknownRecipients },
  metadata: by(who),
});
const withdraw = (who: Actor, consentId = 'consent-1'): WithdrawConsent => ({
  type: 'WithdrawConsent',
  data: { caseId: CASE_ID, consentId, reason: 'person_request' },
  metadata: by(who),
});
const erase = (who: Actor): ErasePerson => ({ type: 'ErasePerson', data: { caseId: CASE_ID }, metadata: by(who) });
const withdrawn = (consentId = 'consent-1'): ConsentWithdrawn => ({
  type: 'ConsentWithdrawn',
  data: { caseId: CASE_ID, consentId, reason: 'person_request', by: ASSO },
});
const erased = (requestedBy = ASSO): PersonErased => ({ type: 'PersonErased', data: { caseId: CASE_ID, requestedBy } });

describe('case decider', () => {
  describe('when nobody has identified her yet', () => {
    const given = spec.given([]);

    it('records a presumed identification under the identifying organisation and its kind', () => {
      given.when(identify(asso)).then([identified()]);
    });

    it('records the consent she gave at identification right after it', () => {
      given.when(identify(asso, { consent: terms() })).then([identified(), consentGranted()]);
    });

    it('records a formal identification by an authority, which needs no indicator', () => {
      given
        .when(identify(police, { level: 'formal', indicators: [] }))
        .then([identified({ identifiedBy: POLICE, identifierKind: 'authority', level: 'formal', indicators: [] })]);
    });

    it('rejects a formal identification by anyone but an authority', () => {
      given
        .when(identify(clinic, { level: 'formal' }))
        .thenThrows('CASE.FORMAL_REQUIRES_AUTHORITY', (error) => expect(error.kind).toBe('forbidden'));
    });

    it('rejects a presumed identification without any indicator', () => {
      given.when(identify(asso, { indicators: [] })).thenThrows('CASE.INDICATORS_REQUIRED');
    });

    it('rejects an age band her birth date contradicts, and takes one it agrees with or "unknown"', () => {
      given
        .when(identify(asso, { ageBand: '0-17', birthDateAgeBand: '55+' }))
        .thenThrows('CASE.AGE_BAND_MISMATCH', (error) => expect(error.details).toEqual({ field: 'ageBand' }));
      given.when(identify(asso, { ageBand: '25-34', birthDateAgeBand: '25-34' })).then([identified({ ageBand: '25-34' })]);
      given.when(identify(asso, { ageBand: 'unknown', birthDateAgeBand: '25-34' })).then([identified({ ageBand: 'unknown' })]);
    });

    it('rejects identification by a key that does not act as a partner', () => {
      given.when(identify(coordinator)).thenThrows('AUTH.PARTNER_ONLY');
      given.when(identify(admin)).thenThrows('AUTH.PARTNER_ONLY');
    });

    it('validates the first consent like any later one', () => {
      given.when(identify(asso, { consent: terms({ purposes: [] }) })).thenThrows('CONSENT.EMPTY');
      given
        .when(identify(asso, { consent: terms({ recipients: ['ghost-1'] }), unknownRecipients: ['ghost-1'] }))
        .thenThrows('CONSENT.UNKNOWN_RECIPIENT', (error) => expect(error.details).toEqual({ recipients: [0] }));
      given.when(identify(asso, { consent: terms({ expiresAt: fromNow(-1) }) })).thenThrows('CONSENT.EXPIRY_IN_PAST');
    });

    it('answers "case not found" to consent, withdrawal and erasure', () => {
      given.when(grant(asso)).thenThrows('CASE.NOT_FOUND', (error) => expect(error.kind).toBe('not_found'));
      given.when(withdraw(asso)).thenThrows('CASE.NOT_FOUND');
      given.when(erase(asso)).thenThrows('CASE.NOT_FOUND');
      given.when(erase(admin)).thenThrows('AUTH.PARTNER_ONLY');
    });
  });

  describe('when identified', () => {
    const given = spec.given([identified()]);

    it('rejects a second identification on the same case', () => {
      given.when(identify(asso)).thenThrows('CASE.ALREADY_EXISTS', (error) => expect(error.kind).toBe('conflict'));
    });

    it('records a consent granted through the holder, without repeated values', () => {
      given
        .when(grant(asso, { recipients: [REFUGE, REFUGE], expiresAt: fromNow(3600) }))
        .then(consentGranted({ recipients: [REFUGE], expiresAt: fromNow(3600) }));
    });

    it('answers "case not found" to a partner that does not hold the case', () => {
      given.when(grant(clinic)).thenThrows('CASE.NOT_FOUND');
      given.when(withdraw(clinic)).thenThrows('CASE.NOT_FOUND');
      given.when(erase(clinic)).thenThrows('CASE.NOT_FOUND');
    });

    it('rejects consent recorded by a key that does not act as a partner', () => {
      given.when(grant(admin)).thenThrows('AUTH.PARTNER_ONLY');
    });

    it('rejects a consent naming organisations that are not registered, by their positions in recipients', () => {
      given
        .when(grant(asso, { recipients: [REFUGE, 'ghost-1', 'ghost-2'] }, ['ghost-1', 'ghost-2']))
        .thenThrows('CONSENT.UNKNOWN_RECIPIENT', (error) => {
          expect(error.kind).toBe('unprocessable');
          expect(error.details).toEqual({ recipients: [1, 2] });
          expect(error.message).not.toContain('ghost');
        });
    });

    it.each([['recipients'], ['categories'], ['purposes']] as const)('rejects a consent with no %s', (field) => {
      given.when(grant(asso, { [field]: [] })).thenThrows('CONSENT.EMPTY');
    });

    it('rejects a consent that expires now or earlier', () => {
      given.when(grant(asso, { expiresAt: fromNow(0) })).thenThrows('CONSENT.EXPIRY_IN_PAST');
      given.when(grant(asso, { expiresAt: fromNow(-86400) })).thenThrows('CONSENT.EXPIRY_IN_PAST');
      given.when(grant(asso, { expiresAt: 'not a date' })).thenThrows('CONSENT.EXPIRY_IN_PAST');
    });

    it('rejects a consent id that is already used on the case', () => {
      spec.given([identified(), consentGranted()]).when(grant(asso)).thenThrows('CONSENT.ALREADY_EXISTS');
    });

    it('records the withdrawal of a consent by the holder', () => {
      spec.given([identified(), consentGranted()]).when(withdraw(asso)).then(withdrawn());
    });

    it('rejects the withdrawal of a consent that does not exist', () => {
      given.when(withdraw(asso, 'consent-9')).thenThrows('CONSENT.NOT_FOUND', (error) => expect(error.kind).toBe('not_found'));
    });

    it('rejects withdrawing the same consent twice', () => {
      spec.given([identified(), consentGranted(), withdrawn()]).when(withdraw(asso)).thenThrows('CONSENT.ALREADY_WITHDRAWN');
    });

    it('erases her at the request of the holder', () => {
      given.when(erase(asso)).then(erased(ASSO));
    });

    it('rejects erasure by the network admin, who never opens a case, and by a coordinator', () => {
      given.when(erase(admin)).thenThrows('AUTH.PARTNER_ONLY');
      given.when(erase(coordinator)).thenThrows('AUTH.PARTNER_ONLY');
    });

    it('rejects erasure by another organisation as if the case did not exist', () => {
      given.when(erase(refuge)).thenThrows('CASE.NOT_FOUND');
    });
  });

  describe('when erased', () => {
    const given = spec.given([identified(), consentGranted(), erased()]);

    it('rejects a second erasure', () => {
      given.when(erase(asso)).thenThrows('CASE.ALREADY_ERASED', (error) => expect(error.kind).toBe('conflict'));
    });

    it('tells the holder that consent can no longer be recorded or withdrawn', () => {
      given.when(grant(asso, { consentId: 'consent-2' })).thenThrows('CASE.ERASED');
      given.when(withdraw(asso)).thenThrows('CASE.ERASED');
    });

    it('still answers "case not found" to any other partner', () => {
      given.when(grant(clinic)).thenThrows('CASE.NOT_FOUND');
      given.when(erase(clinic)).thenThrows('CASE.NOT_FOUND');
    });

    it('rejects identifying her again under the same case id', () => {
      given.when(identify(asso)).thenThrows('CASE.ALREADY_EXISTS');
    });
  });

  describe('evolve', () => {
    const fold = (...events: Parameters<typeof caseDecider.evolve>[1][]) =>
      events.reduce((state, event) => caseDecider.evolve(state, event), caseDecider.initialState());

    it('opens the case under the identifying organisation', () => {
      expect(fold(identified({ identifiedBy: POLICE, identifierKind: 'authority', level: 'formal' }))).toEqual({
        status: 'open',
        caseId: CASE_ID,
        holder: POLICE,
        holderKind: 'authority',
        level: 'formal',
        indicators: ['trafficking_sexual'],
        department: '93',
        consents: [],
      });
    });

    it('adds granted consents and marks withdrawn ones', () => {
      const state = fold(identified(), consentGranted(), consentGranted({ consentId: 'consent-2' }), withdrawn('consent-1'));
      expect(state.status === 'open' && state.consents.map((c) => [c.consentId, c.withdrawn])).toEqual([
        ['consent-1', true],
        ['consent-2', false],
      ]);
    });

    it('keeps nothing but the holder once she is erased', () => {
      expect(fold(identified(), consentGranted(), erased())).toEqual({ status: 'erased', caseId: CASE_ID, holder: ASSO });
    });
  });
});
