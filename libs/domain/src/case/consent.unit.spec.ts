import { ASSO, CLINIC, NOW, REFUGE, fromNow, openCase } from '../testing/domain.fixtures';
import { ANY_REFERRAL_RECIPIENT, CONSENT_CATEGORIES } from '../shared/vocabulary';
import type { ConsentCategory } from '../shared/vocabulary';
import { activeConsents, consentCoverage, isConsentActive, visibleCategories } from './consent';

const referralOf = (categories: ConsentCategory[], recipient = REFUGE) => ({ recipient, purpose: 'referral' as const, categories });

describe('consent', () => {
  describe('a consent is active', () => {
    const [consent] = activeConsents(openCase({ consentId: 'c1', expiresAt: fromNow(60) }), NOW);

    it('until its expiry instant, and no longer at exactly that instant', () => {
      expect(consent).toBeDefined();
      expect(isConsentActive(consent!, new Date(NOW.getTime() + 59_999))).toBe(true);
      expect(isConsentActive(consent!, new Date(NOW.getTime() + 60_000))).toBe(false);
    });

    it('forever when it has no expiry, unless withdrawn', () => {
      expect(activeConsents(openCase({ consentId: 'c1' }), new Date('2099-01-01'))).toHaveLength(1);
      expect(activeConsents(openCase({ consentId: 'c1', withdrawn: true }), NOW)).toEqual([]);
    });

    it('never once the case is erased or before she is identified', () => {
      expect(activeConsents({ status: 'erased', caseId: 'x', holder: ASSO }, NOW)).toEqual([]);
      expect(activeConsents({ status: 'none' }, NOW)).toEqual([]);
    });
  });

  describe('coverage of a referral', () => {
    it('is given by one consent naming the receiver, the purpose and every category', () => {
      const state = openCase({ consentId: 'c1', categories: ['identity', 'contact'] });
      expect(consentCoverage(state, NOW, referralOf(['identity', 'contact']))).toEqual({ covered: true, consentIds: ['c1'] });
    });

    it('may be given by the union of several consents', () => {
      const state = openCase(
        { consentId: 'c1', categories: ['identity'] },
        { consentId: 'c2', categories: ['health'], purposes: ['referral'] },
      );
      expect(consentCoverage(state, NOW, referralOf(['identity', 'health']))).toEqual({ covered: true, consentIds: ['c1', 'c2'] });
    });

    it('does not count a consent for another purpose towards the union', () => {
      const state = openCase(
        { consentId: 'c1', categories: ['identity'] },
        { consentId: 'c2', categories: ['health'], purposes: ['coordination'] },
      );
      expect(consentCoverage(state, NOW, referralOf(['identity', 'health']))).toEqual({
        covered: false,
        missingCategories: ['health'],
        recipientCovered: true,
      });
    });

    it('lapses at exactly the expiry instant', () => {
      const state = openCase({ consentId: 'c1', expiresAt: NOW.toISOString() });
      expect(consentCoverage(state, NOW, referralOf(['identity']))).toEqual({
        covered: false,
        missingCategories: ['identity'],
        recipientCovered: false,
      });
    });

    it('ends with the withdrawal', () => {
      const state = openCase({ consentId: 'c1', withdrawn: true }, { consentId: 'c2', categories: ['contact'] });
      expect(consentCoverage(state, NOW, referralOf(['identity', 'contact']))).toEqual({
        covered: false,
        missingCategories: ['identity'],
        recipientCovered: true,
      });
    });

    it('for one recipient never covers another', () => {
      const state = openCase({ consentId: 'c1', recipients: [REFUGE] });
      expect(consentCoverage(state, NOW, referralOf(['identity'], CLINIC))).toEqual({
        covered: false,
        missingCategories: ['identity'],
        recipientCovered: false,
      });
    });

    it('through "any referral recipient" covers every receiver, for referral only', () => {
      const state = openCase({ consentId: 'c1', recipients: [ANY_REFERRAL_RECIPIENT] });
      expect(consentCoverage(state, NOW, referralOf(['identity'], CLINIC))).toEqual({ covered: true, consentIds: ['c1'] });
      expect(consentCoverage(state, NOW, { recipient: CLINIC, purpose: 'coordination', categories: ['identity'] })).toEqual({
        covered: false,
        missingCategories: ['identity'],
        recipientCovered: false,
      });
    });

    it('with no category still needs a consent naming the receiver', () => {
      expect(consentCoverage(openCase(), NOW, referralOf([]))).toEqual({ covered: false, missingCategories: [], recipientCovered: false });
      expect(consentCoverage(openCase({ consentId: 'c1' }), NOW, referralOf([]))).toEqual({ covered: true, consentIds: ['c1'] });
    });
  });

  describe('visible categories', () => {
    const state = openCase(
      { consentId: 'c1', recipients: [REFUGE], categories: ['contact', 'identity'], purposes: ['referral'] },
      { consentId: 'c2', recipients: [ANY_REFERRAL_RECIPIENT], categories: ['vulnerability'], purposes: ['referral'] },
      { consentId: 'c3', recipients: [REFUGE], categories: ['health'], purposes: ['coordination'] },
    );

    it('are every category for the holder', () => {
      expect(visibleCategories(state, NOW, ASSO, 'research')).toEqual([...CONSENT_CATEGORIES]);
    });

    it('are the union of the consents naming the organisation for the purpose, in canonical order', () => {
      expect(visibleCategories(state, NOW, REFUGE, 'referral')).toEqual(['identity', 'contact']);
      expect(visibleCategories(state, NOW, REFUGE, 'coordination')).toEqual(['health']);
    });

    it('include "any referral recipient" consents only for an organisation she was referred to', () => {
      expect(visibleCategories(state, NOW, REFUGE, 'referral', true)).toEqual(['identity', 'contact', 'vulnerability']);
      expect(visibleCategories(state, NOW, CLINIC, 'referral', true)).toEqual(['vulnerability']);
      expect(visibleCategories(state, NOW, CLINIC, 'referral', false)).toEqual([]);
    });

    it('are nothing for anyone once she is erased', () => {
      expect(visibleCategories({ status: 'erased', caseId: 'x', holder: ASSO }, NOW, ASSO, 'referral')).toEqual([]);
    });
  });
});
