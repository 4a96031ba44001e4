import type { ConsentCategory, ConsentMethod, ConsentPurpose } from '@passerelle/domain';
import type { ReceiptLanguage } from './receipt-languages';

export { TO_BE_REVIEWED } from './receipt-languages';

/** A word in two lengths: `long` for the printed page, `short` for the SMS. */
export interface Wording {
  long: string;
  short: string;
}

/**
 * Every sentence of her receipt and her access report in one language. `{name}` placeholders are
 * filled by render.ts; names of organisations, phone numbers and e-mail addresses are only ever
 * placed in `{…}` slots or in the page's fact lists, so right-to-left text never reorders them.
 * Plain words on purpose: she may read this alone, in her second or third language, after a hard day.
 */
export interface ReceiptLocale {
  language: ReceiptLanguage;
  /** TO_BE_REVIEWED until a native speaker has read the file; then who reviewed it and when. */
  review: string;
  categories: Record<ConsentCategory, Wording>;
  purposes: Record<ConsentPurpose, Wording>;
  methods: Record<ConsentMethod, string>;
  common: {
    reference: string;
    printedOn: string;
    caseNumber: string;
    contactHeading: string;
    organisation: string;
    phone: string;
    email: string;
    /** When the organisation registered no contact. */
    noContact: string;
    /** Why her name is not on the paper. */
    footer: string;
  };
  receipt: {
    title: string;
    intro: string;
    consentOf: string;
    whoMaySee: string;
    which: string;
    whatFor: string;
    until: string;
    status: string;
    method: string;
    explainedIn: string;
    anyReferralRecipient: string;
    /** The same, as short as it can be said, for the SMS. */
    smsAnyRecipient: string;
    untilWithdrawn: string;
    active: string;
    withdrawn: string;
    expired: string;
    noConsent: string;
    withdrawHeading: string;
    withdraw: string;
    rights: string;
    /** `{reference} {consents} {contact}` */
    sms: string;
    /** `{recipients} {categories} {purposes} {until}` */
    smsConsent: string;
    smsUntilDate: string;
    smsUntilWithdrawn: string;
    smsNone: string;
    smsCall: string;
    smsAsk: string;
  };
  report: {
    title: string;
    intro: string;
    summaryHeading: string;
    detailHeading: string;
    organisation: string;
    information: string;
    times: string;
    first: string;
    last: string;
    date: string;
    none: string;
    rightsHeading: string;
    rights: string;
    /** `{reference} {summary} {contact}` */
    sms: string;
    smsSummary: string;
    smsItem: string;
    smsNone: string;
    smsCall: string;
    smsAsk: string;
  };
}
