import { caseStream, organisationStream, type Actor, type OrganisationRegistered } from '@passerelle/domain';
import type { ReceiptLanguage } from '@passerelle/receipts';
import { randomUUID } from 'node:crypto';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { openReadSide, type ReadSide } from '../../testing/read-side.fixtures';
import {
  ASSO,
  CASE_ID,
  CLINIC,
  NOW,
  REFUGE,
  asso,
  clinic,
  consentGranted,
  consentWithdrawn,
  identified,
  organisationRegistered,
  personErased,
  refuge,
} from '../../testing/use-case.fixtures';
import { GetConsentReceiptHandler } from './get-consent-receipt.handler';
import { GetConsentReceiptQuery } from './get-consent-receipt.query';

const registeredWithContact = (id: string, name: string, contact?: OrganisationRegistered['data']['contact']): OrganisationRegistered => {
  const event = organisationRegistered(id, 'ngo', ['legal']);
  return { ...event, data: { ...event.data, name, ...(contact ? { contact } : {}) } };
};
const at = (iso: string) => ({ metadata: { occurredAt: iso } });

describe('get consent receipt', () => {
  let side: ReadSide;
  const receiptFor = (who: Actor, options: { language?: ReceiptLanguage; caseId?: string } = {}) =>
    new GetConsentReceiptHandler(side.fx.store, new RegisteredOrganisations(side.fx.store)).execute(
      new GetConsentReceiptQuery(options.caseId ?? CASE_ID, who, options.language, NOW),
    );

  beforeEach(async () => {
    side = await openReadSide('get_consent_receipt');
    await side.given(
      [organisationStream(ASSO), [registeredWithContact(ASSO, 'Association 93', { phone: '+33 1 48 00 00 00', email: null })]],
      [organisationStream(REFUGE), [registeredWithContact(REFUGE, 'Refuge des Lilas')]],
      [organisationStream(CLINIC), [registeredWithContact(CLINIC, 'Centre de santé')]],
      [
        caseStream(CASE_ID),
        [
          { ...identified({ safety: { doNotContact: false, safeChannel: 'in_person' } }), ...at('2026-11-20T09:00:00.000Z') },
          {
            ...consentGranted({ consentId: 'consent-0', recipients: [CLINIC], categories: ['health'], purposes: ['referral'] }),
            ...at('2026-11-20T09:05:00.000Z'),
          },
          {
            ...consentGranted({
              recipients: [REFUGE],
              categories: ['identity', 'contact'],
              purposes: ['referral'],
              expiresAt: '2027-06-01T00:00:00.000Z',
              language: 'prs',
            }),
            ...at('2026-11-20T09:10:00.000Z'),
          },
          { ...consentWithdrawn('consent-0'), ...at('2026-11-21T15:00:00.000Z') },
        ],
      ],
    );
  });
  afterEach(() => side.close());

  it('gives the holder every consent as it stands now, the organisations by name, and its own contact to call', async () => {
    const receipt = await receiptFor(asso, { language: 'en' });
    expect(receipt).toMatchObject({
      caseId: CASE_ID,
      reference: '7F1D-2C3A',
      issuedAt: NOW.toISOString(),
      language: 'en',
      direction: 'ltr',
      review: 'to be reviewed by a native speaker',
      holder: { organisationId: ASSO, name: 'Association 93', contact: { phone: '+33 1 48 00 00 00', email: null } },
      consents: [
        {
          consentId: 'consent-0',
          status: 'withdrawn',
          recipients: [{ organisationId: CLINIC, name: 'Centre de santé' }],
          categories: ['health'],
          grantedAt: '2026-11-20T09:05:00.000Z',
          endedAt: '2026-11-21T15:00:00.000Z',
        },
        {
          consentId: 'consent-1',
          status: 'active',
          recipients: [{ organisationId: REFUGE, name: 'Refuge des Lilas' }],
          categories: ['identity', 'contact'],
          purposes: ['referral'],
          method: 'verbal',
          explainedIn: 'prs',
          expiresAt: '2027-06-01T00:00:00.000Z',
          endedAt: null,
        },
      ],
    });
    expect(receipt.document.sections.map((s) => s.heading)).toEqual([
      'Consent given on 20 November 2026',
      'Consent given on 20 November 2026',
      'If you change your mind',
      'Who to contact',
    ]);
    expect(receipt.sms.text).toBe(
      'Passerelle ref 7F1D-2C3A. You allowed Refuge des Lilas to see your identity and contact details (referral), until 01/06/2027. To withdraw, call Association 93 +33 1 48 00 00 00.',
    );
  });

  it('speaks the language her latest consent was explained in unless asked for another, right to left for Dari', async () => {
    const receipt = await receiptFor(asso);
    expect(receipt).toMatchObject({ language: 'fa-AF', direction: 'rtl', document: { title: 'رسید رضایت شما' } });
    expect(receipt.sms).toMatchObject({ encoding: 'UCS-2' });
    expect((await receiptFor(asso, { language: 'ti' })).document.title).toBe('ቅብሊት ፍቓድኪ');
  });

  it('says not to text her when her safety instructions name another channel', async () => {
    expect((await receiptFor(asso)).sms).toMatchObject({ safeToSend: false, safety: { doNotContact: false, safeChannel: 'in_person' } });
  });

  it('holds nothing of her: no name, and no read written to the access log', async () => {
    const receipt = JSON.stringify(await receiptFor(asso, { language: 'fr' }));
    for (const hers of ['Awa', 'Diallo', '+33600000000', 'sealed:']) expect(receipt).not.toContain(hers);
    expect((await side.accessLog.listForCase(CASE_ID, { limit: 10 })).entries).toEqual([]);
  });

  it('answers anyone but the holder, even an organisation she consented to, as if there were no such case', async () => {
    for (const who of [refuge, clinic]) await expect(receiptFor(who)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    await expect(receiptFor(asso, { caseId: randomUUID() })).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
  });

  it('has nothing left to print once she is erased', async () => {
    await side.given([caseStream(CASE_ID), [personErased()]]);
    await expect(receiptFor(asso)).rejects.toMatchObject({ code: 'CASE.ERASED' });
  });
});
