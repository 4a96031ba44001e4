import type { ReceiptLanguage } from './receipt-languages';

/** A term and its values, one a line. `ltr`: a phone number, an e-mail address or a reference, kept left to right in any language. */
export interface Fact {
  term: string;
  values: string[];
  ltr?: boolean;
}

export interface DocumentTable {
  caption: string;
  columns: string[];
  rows: string[][];
  /** Indexes of the columns that hold counts. */
  numeric: number[];
}

export interface DocumentSection {
  heading: string;
  paragraphs: string[];
  facts: Fact[];
  table: DocumentTable | null;
}

/**
 * A receipt or a report, written out in her language and ready to lay out: the console prints it
 * (apps/console/src/views/partner/documents.view.ts) without knowing a word of the language.
 */
export interface PrintableDocument {
  language: ReceiptLanguage;
  direction: 'ltr' | 'rtl';
  /** The translation's review status (TO_BE_REVIEWED until a native speaker has read it). */
  review: string;
  title: string;
  facts: Fact[];
  intro: string;
  sections: DocumentSection[];
  footer: string;
}

/** An SMS as a phone would send it: its encoding decides how many characters fit in one message. */
export interface SmsText {
  text: string;
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the encoding counts them (a GSM-7 extension character such as € counts twice). */
  characters: number;
  /** Messages the text is split into: 160 GSM-7 or 70 UCS-2 characters in one, 153 or 67 per part beyond. */
  segments: number;
}
