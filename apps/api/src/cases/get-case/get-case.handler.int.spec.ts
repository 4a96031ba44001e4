import { caseStream, referralStream, type Actor } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import { HER, openReadSide, SETTINGS, type GivenEvent, type ReadSide } from '../../testing/read-side.fixtures';
import {
  ALL_CATEGORIES,
  ASSO,
  CASE_ID,
  CLINIC,
  NOW,
  REFERRAL_ID,
  REFUGE,
  asso,
  clinic,
  consentGranted,
  consentWithdrawn,
  identified,
  personErased,
  police,
  referralMade,
  refuge,
} from '../../testing/use-case.fixtures';
import { WITHDRAWAL_REASON_LABEL } from '../withdraw-consent/withdrawal-reason';
import { GetCaseHandler } from './get-case.handler';
import { GetCaseQuery } from './get-case.query';

/** Her consents: the refuge for her identity only (though the referral shares her contact too), the clinic for her contact. */
const identityToRefuge = consentGranted({ consentId: 'consent-1', recipients: [REFUGE], categories: ['identity'], purposes: ['referral'] });
const contactToClinic = consentGranted({ consentId: 'consent-2', recipients: [CLINIC], categories: ['contact'], purposes: ['referral'] });

describe('get case', () => {
  let side: ReadSide;
  const handler = () => new GetCaseHandler(side.fx.store, side.inbox, side.access, side.fx.dataSource, SETTINGS);
  const caseAs = (who: Actor, caseId = CASE_ID) => handler().execute(new GetCaseQuery(caseId, who, NOW));
  /** Her case held by the association, with both consents then `more`, referred to the refuge. */
  const given = async (...more: GivenEvent[]) =>
    side.given(
      [caseStream(CASE_ID), [await side.identifiedWithSealedFields(identified()), identityToRefuge, contactToClinic, ...more]],
      [referralStream(REFERRAL_ID), [referralMade()]],
    );

  beforeEach(async () => (side = await openReadSide('get_case')));
  afterEach(() => side.close());

  describe('given her case referred with her consent', () => {
    beforeEach(() => given());

    it('shows the holder all of her fields and her consents', async () => {
      const view = await caseAs(asso);

      expect(view).toMatchObject({ caseId: CASE_ID, status: 'open', holder: ASSO, categories: ALL_CATEGORIES, erased: false });
      expect(view.person).toMatchObject({ ...HER.identity, ...HER.contact, health: HER.health });
      expect(view).toMatchObject({ consents: [{ consentId: 'consent-1' }, { consentId: 'consent-2' }] });
    });

    it('shows the receiver of the referral only the categories her consent covers, without her consents, and logs the read', async () => {
      const view = await caseAs(refuge);

      expect(view).toMatchObject({ caseId: CASE_ID, status: 'open', holder: ASSO, categories: ['identity'], erased: false });
      expect(view.person).toEqual({ ...HER.identity, categories: ['identity'] });
      expect(view).not.toHaveProperty('consents');
      expect((await side.accessLog.listForCase(CASE_ID, { limit: 10 })).entries).toEqual([
        expect.objectContaining({ organisationId: REFUGE, via: 'case', referralId: null, categories: ['identity'] }),
      ]);
    });

    it('shows a partner her consent names, though not referred, the categories it covers', async () => {
      const view = await caseAs(clinic);

      expect(view).toMatchObject({ categories: ['contact'] });
      expect(view.person).toEqual({ ...HER.contact, categories: ['contact'] });
    });

    it('answers any other partner as if there were no such case, and opens nothing for it', async () => {
      await expect(caseAs(police)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
      await expect(caseAs(police, randomUUID())).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
      expect((await side.accessLog.listForCase(CASE_ID, { limit: 10 })).entries).toEqual([]);
    });
  });

  describe('given she withdrew her consents', () => {
    beforeEach(() => given(consentWithdrawn('consent-1'), consentWithdrawn('consent-2')));

    it('still shows the receiver of the referral the case, but none of her fields', async () => {
      expect(await caseAs(refuge)).toMatchObject({ caseId: CASE_ID, person: null, categories: [], erased: false });
    });

    it('hides the case from a partner only her consent named', async () => {
      await expect(caseAs(clinic)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    });
  });

  describe('given the holder gave a reason for a withdrawal', () => {
    const reason = 'Awa asked us to stop sharing';
    beforeEach(async () => {
      const sealed = await side.keyring.seal(CASE_ID, reason, WITHDRAWAL_REASON_LABEL);
      await given({ ...consentWithdrawn('consent-1'), data: { ...consentWithdrawn('consent-1').data, reason: sealed } });
    });

    it('shows the holder the reason beside the withdrawn consent, opened with her key', async () => {
      expect((await caseAs(asso)).consents).toEqual([
        expect.objectContaining({ consentId: 'consent-1', withdrawn: true, withdrawalReason: reason }),
        expect.objectContaining({ consentId: 'consent-2', withdrawn: false, withdrawalReason: null }),
      ]);
    });

    it('shows it to no one once she is erased', async () => {
      await side.keyring.destroy(CASE_ID);
      await side.given([caseStream(CASE_ID), [personErased()]]);
      expect(JSON.stringify(await caseAs(asso))).not.toContain('Awa');
    });
  });

  describe('given she was erased', () => {
    it('shows even the holder nothing of her', async () => {
      await given(personErased());

      expect(await caseAs(asso)).toMatchObject({ status: 'erased', holder: ASSO, person: null, categories: [], erased: true });
    });
  });
});
