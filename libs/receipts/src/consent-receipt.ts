import { ANY_REFERRAL_RECIPIENT, type ConsentCategory, type ConsentMethod, type ConsentPurpose } from '@passerelle/domain';
import { fill, languageName, list, longDate, ltrInSms, readablePhone, smsDate } from './format';
import type { ReceiptLocale } from './locale';
import { RECEIPT_LOCALES } from './locales';
import type { DocumentSection, Fact, PrintableDocument, SmsText } from './printable-document';
import { directionOf, isLatinScript, type ReceiptLanguage } from './receipt-languages';
import { smsText } from './sms';

/** An organisation as the directory registered it; `contact` is what she is told to call. */
export interface ReceiptOrganisation {
  organisationId: string;
  name: string;
  contact: { phone: string | null; email: string | null } | null;
}

/** A recipient of her consent: an organisation, or (`any_referral_recipient`, name null) whoever she is referred to. */
export interface ReceiptRecipient {
  organisationId: string;
  name: string | null;
}

export interface ReceiptConsent {
  consentId: string;
  status: 'active' | 'withdrawn' | 'expired';
  recipients: ReceiptRecipient[];
  categories: ConsentCategory[];
  purposes: ConsentPurpose[];
  method: ConsentMethod;
  /** The language it was explained in, as recorded (a code). */
  explainedIn: string | null;
  grantedAt: string;
  expiresAt: string | null;
  /** When it was withdrawn or lapsed; null while active. */
  endedAt: string | null;
}

/** Everything her receipt says, without her: consents, organisations, purposes and dates. */
export interface ConsentReceiptData {
  caseId: string;
  reference: string;
  issuedAt: string;
  holder: ReceiptOrganisation;
  consents: ReceiptConsent[];
}

export interface Rendered {
  document: PrintableDocument;
  sms: SmsText;
}

/** Her consent receipt in one language: the printable page and the SMS, from the same facts. */
export function renderConsentReceipt(data: ConsentReceiptData, language: ReceiptLanguage): Rendered {
  const locale = RECEIPT_LOCALES[language];
  const direction = directionOf(language);
  const { receipt, common } = locale;
  const document: PrintableDocument = {
    language,
    direction,
    review: locale.review,
    title: receipt.title,
    facts: headerFacts(locale, data),
    intro: receipt.intro,
    sections: [
      ...(data.consents.length === 0
        ? [section(receipt.title, [receipt.noConsent])]
        : data.consents.map((consent) => consentSection(locale, consent))),
      section(receipt.withdrawHeading, [receipt.withdraw, receipt.rights]),
      contactSection(locale, data.holder),
    ],
    footer: common.footer,
  };
  return { document, sms: consentSms(locale, data) };
}

/** Her reference, the date, and the full file number, with which the holder finds her case when she calls. */
export function headerFacts(locale: ReceiptLocale, data: { caseId: string; reference: string; issuedAt: string }): Fact[] {
  return [
    { term: locale.common.reference, values: [data.reference], ltr: true },
    { term: locale.common.printedOn, values: [longDate(locale.language, data.issuedAt)] },
    { term: locale.common.caseNumber, values: [data.caseId], ltr: true },
  ];
}

export const section = (heading: string, paragraphs: string[], facts: Fact[] = []): DocumentSection => ({
  heading,
  paragraphs,
  facts,
  table: null,
});

/** Whom to call: the holder's contact as registered in the directory, or a plain instruction when none is. */
export function contactSection(locale: ReceiptLocale, holder: ReceiptOrganisation): DocumentSection {
  const { common } = locale;
  const facts: Fact[] = [{ term: common.organisation, values: [holder.name] }];
  if (holder.contact?.phone) facts.push({ term: common.phone, values: [readablePhone(holder.contact.phone)], ltr: true });
  if (holder.contact?.email) facts.push({ term: common.email, values: [holder.contact.email], ltr: true });
  const paragraphs = holder.contact?.phone || holder.contact?.email ? [] : [common.noContact];
  return section(common.contactHeading, paragraphs, facts);
}

function consentSection(locale: ReceiptLocale, consent: ReceiptConsent): DocumentSection {
  const { receipt, language } = locale;
  const facts: Fact[] = [
    { term: receipt.whoMaySee, values: consent.recipients.map((r) => recipientName(locale, r, 'long')) },
    { term: receipt.which, values: consent.categories.map((c) => locale.categories[c].long) },
    { term: receipt.whatFor, values: consent.purposes.map((p) => locale.purposes[p].long) },
    { term: receipt.until, values: [consent.expiresAt ? longDate(language, consent.expiresAt) : receipt.untilWithdrawn] },
    { term: receipt.status, values: [statusOf(locale, consent)] },
    { term: receipt.method, values: [locale.methods[consent.method]] },
  ];
  if (consent.explainedIn) facts.push({ term: receipt.explainedIn, values: [languageName(language, consent.explainedIn)] });
  return section(fill(receipt.consentOf, { date: longDate(language, consent.grantedAt) }), [], facts);
}

function statusOf(locale: ReceiptLocale, consent: ReceiptConsent): string {
  const { receipt, language } = locale;
  if (consent.status === 'active' || !consent.endedAt) return receipt.active;
  return fill(consent.status === 'withdrawn' ? receipt.withdrawn : receipt.expired, { date: longDate(language, consent.endedAt) });
}

function recipientName(locale: ReceiptLocale, recipient: ReceiptRecipient, length: 'long' | 'short'): string {
  if (recipient.organisationId !== ANY_REFERRAL_RECIPIENT) return recipient.name ?? recipient.organisationId;
  return length === 'long' ? locale.receipt.anyReferralRecipient : locale.receipt.smsAnyRecipient;
}

/** The consents in force, one sentence each, then whom to call to withdraw. */
function consentSms(locale: ReceiptLocale, data: ConsentReceiptData): SmsText {
  const { receipt, language } = locale;
  const active = data.consents.filter((consent) => consent.status === 'active');
  const consents = active.length
    ? active
        .map((consent) =>
          fill(receipt.smsConsent, {
            recipients: list(
              language,
              consent.recipients.map((r) => recipientName(locale, r, 'short')),
            ),
            categories: list(
              language,
              consent.categories.map((c) => locale.categories[c].short),
            ),
            purposes: list(
              language,
              consent.purposes.map((p) => locale.purposes[p].short),
            ),
            until: consent.expiresAt ? fill(receipt.smsUntilDate, { date: smsDate(consent.expiresAt) }) : receipt.smsUntilWithdrawn,
          }),
        )
        .join(' ')
    : receipt.smsNone;
  const contact = smsContact(locale, data.holder, receipt.smsCall, receipt.smsAsk);
  return smsText(fill(receipt.sms, { reference: data.reference, consents, contact }), isLatinScript(language));
}

/** `call {holder} {phone}` when a phone or an e-mail address is registered, `contact {holder}` otherwise. */
export function smsContact(locale: ReceiptLocale, holder: ReceiptOrganisation, call: string, ask: string): string {
  const phone = holder.contact?.phone;
  const reach = phone ? readablePhone(phone) : (holder.contact?.email ?? null);
  return reach
    ? fill(call, { holder: holder.name, phone: ltrInSms(directionOf(locale.language), reach) })
    : fill(ask, { holder: holder.name });
}
