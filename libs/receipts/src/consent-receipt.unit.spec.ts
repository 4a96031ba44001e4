import { renderConsentReceipt, type ConsentReceiptData, type ReceiptConsent } from './consent-receipt';
import { receiptReference } from './format';
import type { PrintableDocument } from './printable-document';
import { RECEIPT_LANGUAGES } from './receipt-languages';

const CASE_ID = '3f2a9c1b-1111-4222-8333-444455556666';
const consent = (overrides: Partial<ReceiptConsent> = {}): ReceiptConsent => ({
  consentId: 'consent-1',
  status: 'active',
  recipients: [{ organisationId: 'refuge-75', name: 'Refuge des Lilas' }],
  categories: ['identity', 'contact'],
  purposes: ['referral'],
  method: 'verbal',
  explainedIn: 'prs',
  grantedAt: '2026-11-20T10:00:00Z',
  expiresAt: '2027-05-31T22:00:00Z',
  endedAt: null,
  ...overrides,
});
const receipt = (overrides: Partial<ConsentReceiptData> = {}): ConsentReceiptData => ({
  caseId: CASE_ID,
  reference: receiptReference(CASE_ID),
  issuedAt: '2026-11-22T10:00:00Z',
  holder: { organisationId: 'asso-93', name: 'Association 93', contact: { phone: '+33 1 48 00 00 00', email: 'accueil@asso93.example' } },
  consents: [consent()],
  ...overrides,
});
/** The page as text, section by section, as someone reading the printout would. */
const read = (document: PrintableDocument) =>
  [
    document.title,
    ...document.facts.map((f) => `${f.term}: ${f.values.join(' / ')}`),
    document.intro,
    ...document.sections.flatMap((s) => [`## ${s.heading}`, ...s.paragraphs, ...s.facts.map((f) => `${f.term}: ${f.values.join(' / ')}`)]),
    document.footer,
  ].join('\n');

describe('consent receipt', () => {
  it('tells her in English who may see what, for what, until when, and whom to call to withdraw', () => {
    const { document, sms } = renderConsentReceipt(receipt(), 'en');
    expect(read(document)).toBe(
      [
        'Your consent receipt',
        'Reference: 3F2A-9C1B',
        'Printed on: 22 November 2026',
        'File number (for the organisation): 3f2a9c1b-1111-4222-8333-444455556666',
        'You agreed that some organisations may see some of your information. This paper says who, which information, what for and until when. Keep it in a safe place.',
        '## Consent given on 20 November 2026',
        'Who may see it: Refuge des Lilas',
        'Which information: Who you are (name, date of birth, nationality) / How to reach you (phone, email, languages)',
        'What for: To refer you to other organisations that can help you',
        'Until when: 1 June 2027',
        'Now: In force',
        'How you gave it: Spoken',
        'Explained to you in: Dari',
        '## If you change your mind',
        'You can withdraw your consent at any time, without giving a reason. From that moment, the organisations named here can no longer see your information. To do so, contact the organisation below.',
        'You can also ask this organisation for the list of organisations that have looked at your information, or ask for your information to be erased.',
        '## Who to contact',
        'Organisation: Association 93',
        'Phone: +33 1 48 00 00 00',
        'Email: accueil@asso93.example',
        'Your name is not on this paper, so that it does not show who you are if you lose it.',
      ].join('\n'),
    );
    expect(sms).toEqual({
      text: 'Passerelle ref 3F2A-9C1B. You allowed Refuge des Lilas to see your identity and contact details (referral), until 01/06/2027. To withdraw, call Association 93 +33 1 48 00 00 00.',
      encoding: 'GSM-7',
      characters: 177,
      segments: 2,
    });
  });

  it('keeps a French SMS in GSM-7, so each part holds 153 characters and not 67', () => {
    const { sms } = renderConsentReceipt(receipt(), 'fr');
    expect(sms.text).toBe(
      "Passerelle réf. 3F2A-9C1B. Vous avez permis à Refuge des Lilas de voir vos données : identité et coordonnées (orientation), jusqu'au 01/06/2027. Pour retirer votre accord, appelez Association 93 au +33 1 48 00 00 00.",
    );
    expect(sms).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });

  it.each(RECEIPT_LANGUAGES)('in %s, names the organisations, the phone number and the dates without translating them', (language) => {
    const { document, sms } = renderConsentReceipt(receipt(), language);
    const page = read(document);
    for (const kept of ['Refuge des Lilas', 'Association 93', '+33 1 48 00 00 00', '3F2A-9C1B']) {
      expect(page).toContain(kept);
      expect(sms.text).toContain(kept);
    }
    expect(sms.text).toContain('01/06/2027');
    expect(document.direction).toBe(['ar', 'fa-AF', 'ps'].includes(language) ? 'rtl' : 'ltr');
  });

  it('anchors the phone number left to right inside a right-to-left SMS, so "+33" is not read backwards', () => {
    expect(renderConsentReceipt(receipt(), 'ar').sms.text).toContain('\u200e+33 1 48 00 00 00');
    expect(renderConsentReceipt(receipt(), 'ti').sms.text).not.toContain('\u200e');
  });

  it('writes Gregorian dates in Dari and Pashto, as on her French papers, not the solar hijri calendar', () => {
    const dari = read(renderConsentReceipt(receipt(), 'fa-AF').document);
    expect(dari).toContain('۲۰۲۷');
    expect(dari).not.toContain('۱۴۰۶');
    expect(read(renderConsentReceipt(receipt(), 'ps').document)).toContain('۲۰۲۷');
  });

  it('shows a withdrawn consent as withdrawn, with its date, and leaves it out of the SMS', () => {
    const withdrawn = consent({
      consentId: 'consent-0',
      status: 'withdrawn',
      recipients: [{ organisationId: 'clinic-93', name: 'Centre de santé' }],
      categories: ['health'],
      endedAt: '2026-11-21T09:00:00Z',
    });
    const { document, sms } = renderConsentReceipt(receipt({ consents: [withdrawn, consent()] }), 'en');
    expect(read(document)).toContain('Who may see it: Centre de santé');
    expect(read(document)).toContain('Now: Withdrawn on 21 November 2026');
    expect(sms.text).not.toContain('Centre de santé');
    expect(sms.text).toContain('Refuge des Lilas');
  });

  it('says "any organisation you are referred to" for that recipient, and "until you withdraw it" without an expiry', () => {
    const open = consent({ recipients: [{ organisationId: 'any_referral_recipient', name: null }], expiresAt: null });
    const { document, sms } = renderConsentReceipt(receipt({ consents: [open] }), 'en');
    expect(read(document)).toContain('Who may see it: Any organisation you are referred to for help');
    expect(read(document)).toContain('Until when: Until you withdraw it');
    expect(sms.text).toContain(
      'You allowed the organisations you are referred to to see your identity and contact details (referral), with no end date.',
    );
  });

  it('tells her whom to ask when the holder registered no contact, and says so when no consent is in force', () => {
    const holder = { organisationId: 'asso-93', name: 'Association 93', contact: null };
    const { document, sms } = renderConsentReceipt(
      receipt({ holder, consents: [consent({ status: 'expired', endedAt: '2026-11-21T00:00:00Z' })] }),
      'en',
    );
    expect(read(document)).toContain('## Who to contact\nAsk the person who gave you this paper.\nOrganisation: Association 93');
    expect(sms.text).toBe('Passerelle ref 3F2A-9C1B. No consent in force. To withdraw, contact Association 93.');
  });
});
