import { ASSO, CASE_ID, CLINIC, NOW, POLICE, REFUGE, consentGranted, fromNow, identified, openCase } from './testing/domain.fixtures';
import { initialCaseState } from './case/case.state';
import type { CaseEvent } from './case/case.events';
import { evolveCase } from './case/case.decider';
import { scopeCaseEvents, scopeForCaseEvent, scopeForReferralEvent } from './scope';
import { ANY_REFERRAL_RECIPIENT, CONSENT_CATEGORIES } from './shared/vocabulary';
import type { ConsentCategory } from './shared/vocabulary';

const ALL = [...CONSENT_CATEGORIES];
const fold = (events: CaseEvent[]) => events.reduce(evolveCase, initialCaseState());

describe('scope', () => {
  describe('of case events', () => {
    it('gives the identifying organisation every category, and nobody else anything', () => {
      expect(scopeForCaseEvent(initialCaseState(), identified(), NOW)).toEqual({ [ASSO]: ALL });
    });

    it('lets the recipient of a consent see the event granting it, with its categories', () => {
      const [first, second] = scopeCaseEvents(initialCaseState(), [identified(), consentGranted()], NOW);
      expect(first).toEqual({ [ASSO]: ALL });
      expect(second).toEqual({ [ASSO]: ALL, [REFUGE]: ['identity', 'contact', 'vulnerability'] });
    });

    it('unites the categories of every active consent naming a recipient, and ignores "any referral recipient"', () => {
      const before = fold([identified(), consentGranted({ consentId: 'c1', categories: ['identity'] })]);
      const event = consentGranted({ consentId: 'c2', recipients: [REFUGE, ANY_REFERRAL_RECIPIENT], categories: ['health'] });
      expect(scopeForCaseEvent(before, event, NOW)).toEqual({ [ASSO]: ALL, [REFUGE]: ['identity', 'health'] });
    });

    it('leaves out a recipient whose consent has expired', () => {
      const before = fold([identified(), consentGranted({ consentId: 'c1', expiresAt: fromNow(0) })]);
      expect(scopeForCaseEvent(before, consentGranted({ consentId: 'c2', recipients: [CLINIC] }), NOW)).toEqual({
        [ASSO]: ALL,
        [CLINIC]: ['identity', 'contact', 'vulnerability'],
      });
    });

    it('tells the recipients of a withdrawn consent about the withdrawal, with no category', () => {
      const before = fold([identified(), consentGranted({ consentId: 'c1', recipients: [REFUGE, CLINIC] })]);
      const withdrawal: CaseEvent = { type: 'ConsentWithdrawn', data: { caseId: CASE_ID, consentId: 'c1', reason: null, by: ASSO } };
      expect(scopeForCaseEvent(before, withdrawal, NOW)).toEqual({ [ASSO]: ALL, [REFUGE]: [], [CLINIC]: [] });
    });

    it('tells every recipient about her erasure, and shows nobody any category', () => {
      const before = fold([identified(), consentGranted({ consentId: 'c1' }), consentGranted({ consentId: 'c2', recipients: [POLICE] })]);
      const erasure: CaseEvent = { type: 'PersonErased', data: { caseId: CASE_ID, requestedBy: ASSO } };
      expect(scopeForCaseEvent(before, erasure, NOW)).toEqual({ [ASSO]: [], [REFUGE]: [], [POLICE]: [] });
    });

    it('tells of her erasure those a withdrawn or expired consent named and those she was referred to: they may hold her data', () => {
      const withdrawn: CaseEvent = { type: 'ConsentWithdrawn', data: { caseId: CASE_ID, consentId: 'c1', reason: null, by: ASSO } };
      const before = fold([
        identified(),
        consentGranted({ consentId: 'c1' }),
        withdrawn,
        consentGranted({ consentId: 'c2', recipients: [POLICE], expiresAt: fromNow(0) }),
        consentGranted({ consentId: 'c3', recipients: [ANY_REFERRAL_RECIPIENT] }),
      ]);
      const erasure: CaseEvent = { type: 'PersonErased', data: { caseId: CASE_ID, requestedBy: ASSO } };
      expect(scopeForCaseEvent(before, erasure, NOW, [CLINIC])).toEqual({ [ASSO]: [], [REFUGE]: [], [POLICE]: [], [CLINIC]: [] });
    });

    it("tells her referrals' receivers of the withdrawal of a consent to any referral recipient, and of no other", () => {
      const before = fold([
        identified(),
        consentGranted({ consentId: 'any', recipients: [ANY_REFERRAL_RECIPIENT] }),
        consentGranted({ consentId: 'named', recipients: [POLICE] }),
      ]);
      const withdrawal = (consentId: string): CaseEvent => ({
        type: 'ConsentWithdrawn',
        data: { caseId: CASE_ID, consentId, reason: null, by: ASSO },
      });
      expect(scopeForCaseEvent(before, withdrawal('any'), NOW, [CLINIC])).toEqual({
        [ASSO]: ALL,
        [POLICE]: ['identity', 'contact', 'vulnerability'],
        [CLINIC]: [],
      });
      expect(scopeForCaseEvent(before, withdrawal('named'), NOW, [CLINIC])).toEqual({ [ASSO]: ALL, [POLICE]: [] });
    });
  });

  describe('of referral events', () => {
    const referral = (sharedCategories: ConsentCategory[]) => ({ from: ASSO, to: REFUGE, sharedCategories });

    it('gives the holder every category and the receiver the shared categories her referral consent covers', () => {
      const state = openCase({ consentId: 'c1', recipients: [REFUGE], categories: ['identity', 'contact'], purposes: ['referral'] });
      expect(scopeForReferralEvent(state, referral(['identity', 'contact', 'health']), NOW)).toEqual({
        [ASSO]: ALL,
        [REFUGE]: ['identity', 'contact'],
      });
    });

    it('counts "any referral recipient" consents for the receiver but not consents for another purpose', () => {
      const state = openCase(
        { consentId: 'c1', recipients: [ANY_REFERRAL_RECIPIENT], categories: ['contact'], purposes: ['referral'] },
        { consentId: 'c2', recipients: [REFUGE], categories: ['health'], purposes: ['coordination'] },
      );
      expect(scopeForReferralEvent(state, referral(['identity', 'contact', 'health']), NOW)).toEqual({
        [ASSO]: ALL,
        [REFUGE]: ['contact'],
      });
    });

    it('keeps the receiver on the referral but shows it nothing once her consent is withdrawn', () => {
      const state = openCase({ consentId: 'c1', recipients: [REFUGE], withdrawn: true });
      expect(scopeForReferralEvent(state, referral(['identity']), NOW)).toEqual({ [ASSO]: ALL, [REFUGE]: [] });
    });

    it('shows neither party any category once she is erased', () => {
      const erased = { status: 'erased', caseId: CASE_ID, holder: ASSO } as const;
      expect(scopeForReferralEvent(erased, referral(['identity']), NOW)).toEqual({ [ASSO]: [], [REFUGE]: [] });
    });
  });
});
