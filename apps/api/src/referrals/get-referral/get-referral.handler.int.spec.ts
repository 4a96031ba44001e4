import type { Actor } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import { HER, MESSAGE, NOTE, openReadSide, type ReadSide } from '../../testing/read-side.fixtures';
import {
  ASSO,
  CASE_ID,
  NOW,
  REFERRAL_ID,
  REFUGE,
  asso,
  clinic,
  consentWithdrawn,
  personErased,
  refuge,
} from '../../testing/use-case.fixtures';
import { GetReferralHandler } from './get-referral.handler';
import { GetReferralQuery } from './get-referral.query';

describe('get referral', () => {
  let side: ReadSide;
  const handler = () => new GetReferralHandler(side.fx.store, side.access);
  const referralAs = (who: Actor, referralId = REFERRAL_ID) => handler().execute(new GetReferralQuery(referralId, who, NOW));
  const logOfHerCase = async () => (await side.accessLog.listForCase(CASE_ID, { limit: 10 })).entries;

  beforeEach(async () => (side = await openReadSide('get_referral')));
  afterEach(() => side.close());

  describe('given a referral to the refuge of a case she consented to', () => {
    beforeEach(async () => side.given(...(await side.referredWithText())));

    it('shows the receiver its message, notes and only the categories her consent covers, and logs the read', async () => {
      const view = await referralAs(refuge);

      expect(view).toMatchObject({ referralId: REFERRAL_ID, caseId: CASE_ID, from: ASSO, to: REFUGE, status: 'accepted' });
      expect(view).toMatchObject({ message: MESSAGE, notes: [{ by: REFUGE, event: 'ReferralAccepted', note: NOTE }] });
      expect(view).toMatchObject({ visibleCategories: ['identity'], erased: false });
      expect(view.person).toEqual({ ...HER.identity, categories: ['identity'] });
      expect(await logOfHerCase()).toEqual([
        expect.objectContaining({
          organisationId: REFUGE,
          keyId: refuge.keyId,
          via: 'referral',
          referralId: REFERRAL_ID,
          categories: ['identity'],
        }),
      ]);
    });

    it('shows the sender, who holds her case, all of her fields', async () => {
      const view = await referralAs(asso);

      expect(view.message).toBe(MESSAGE);
      expect(view.person).toMatchObject({ ...HER.identity, ...HER.contact, health: HER.health });
    });

    it('answers another partner as if there were no such referral, and opens nothing for it', async () => {
      await expect(referralAs(clinic)).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
      await expect(referralAs(clinic, randomUUID())).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
      expect(await logOfHerCase()).toEqual([]);
    });
  });

  describe('given she withdrew her consent after the referral', () => {
    it('still shows the receiver the referral, but neither her fields nor the text that may speak of her', async () => {
      await side.given(...(await side.referredWithText({ then: [consentWithdrawn()] })));

      const view = await referralAs(refuge);

      expect(view).toMatchObject({ status: 'accepted', message: null, person: null, visibleCategories: [], erased: false });
      expect(view.notes).toEqual([{ by: REFUGE, event: 'ReferralAccepted', note: null }]);
    });
  });

  describe('given she was erased', () => {
    it('shows either party the referral marked erased, with nothing of her', async () => {
      await side.given(...(await side.referredWithText({ then: [personErased()] })));

      for (const party of [refuge, asso]) {
        expect(await referralAs(party)).toMatchObject({ message: null, person: null, visibleCategories: [], erased: true });
      }
    });
  });
});
