import { CONSENT_CATEGORIES, type ConsentCategory } from '@passerelle/domain';
import { contactSection, headerFacts, section, smsContact, type ReceiptOrganisation, type Rendered } from './consent-receipt';
import { count, dateTime, fill, list, longDate, smsDate } from './format';
import type { ReceiptLocale } from './locale';
import { RECEIPT_LOCALES } from './locales';
import type { DocumentSection } from './printable-document';
import { directionOf, isLatinScript, type ReceiptLanguage } from './receipt-languages';
import { smsText } from './sms';

/** The reads of one organisation on one day (Paris time) that opened the same categories. */
export interface AccessReportDay {
  day: string;
  organisationId: string;
  name: string;
  /** The reader's role, once the access log records people; null for a read made with an organisation's key. */
  role: string | null;
  categories: ConsentCategory[];
  times: number;
  firstAt: string;
  lastAt: string;
}

/** Every organisation that opened her data, all reads added up. */
export interface AccessReportOrganisation {
  organisationId: string;
  name: string;
  roles: string[];
  categories: ConsentCategory[];
  times: number;
  firstAt: string;
  lastAt: string;
}

export interface AccessReportData {
  caseId: string;
  reference: string;
  issuedAt: string;
  holder: ReceiptOrganisation;
  /** Oldest first. */
  days: AccessReportDay[];
}

/** Per organisation, in the order each first opened her data. */
export function accessByOrganisation(days: readonly AccessReportDay[]): AccessReportOrganisation[] {
  const byOrganisation = new Map<string, AccessReportOrganisation>();
  for (const day of [...days].sort((a, b) => a.firstAt.localeCompare(b.firstAt))) {
    const seen = byOrganisation.get(day.organisationId);
    if (!seen) {
      byOrganisation.set(day.organisationId, {
        organisationId: day.organisationId,
        name: day.name,
        roles: day.role ? [day.role] : [],
        categories: [...day.categories],
        times: day.times,
        firstAt: day.firstAt,
        lastAt: day.lastAt,
      });
      continue;
    }
    const categories = new Set([...seen.categories, ...day.categories]);
    seen.categories = CONSENT_CATEGORIES.filter((category) => categories.has(category));
    if (day.role && !seen.roles.includes(day.role)) seen.roles.push(day.role);
    seen.times += day.times;
    if (day.lastAt > seen.lastAt) seen.lastAt = day.lastAt;
  }
  return [...byOrganisation.values()];
}

/** Her access report (GDPR art. 15) in one language: who opened her data, when, which categories. */
export function renderAccessReport(data: AccessReportData, language: ReceiptLanguage): Rendered {
  const locale = RECEIPT_LOCALES[language];
  const organisations = accessByOrganisation(data.days);
  const { report } = locale;
  const categories = (values: readonly ConsentCategory[], length: 'long' | 'short') =>
    list(
      language,
      values.map((c) => locale.categories[c][length]),
    );
  const reads: DocumentSection[] = organisations.length
    ? [
        {
          ...section(report.summaryHeading, []),
          table: {
            caption: report.summaryHeading,
            columns: [report.organisation, report.information, report.times, report.first, report.last],
            rows: organisations.map((o) => [
              o.name,
              categories(o.categories, 'long'),
              count(language, o.times),
              dateTime(language, o.firstAt),
              dateTime(language, o.lastAt),
            ]),
            numeric: [2],
          },
        },
        {
          ...section(report.detailHeading, []),
          table: {
            caption: report.detailHeading,
            columns: [report.date, report.organisation, report.information, report.times],
            rows: data.days.map((d) => [longDate(language, d.firstAt), d.name, categories(d.categories, 'long'), count(language, d.times)]),
            numeric: [3],
          },
        },
      ]
    : [section(report.summaryHeading, [report.none])];
  return {
    document: {
      language,
      direction: directionOf(language),
      review: locale.review,
      title: report.title,
      facts: headerFacts(locale, data),
      intro: report.intro,
      sections: [...reads, section(report.rightsHeading, [report.rights]), contactSection(locale, data.holder)],
      footer: locale.common.footer,
    },
    sms: reportSms(locale, data, organisations),
  };
}

function reportSms(locale: ReceiptLocale, data: AccessReportData, organisations: AccessReportOrganisation[]): SmsText {
  const { report, language } = locale;
  const summary = organisations.length
    ? fill(report.smsSummary, {
        list: list(
          language,
          organisations.map((o) =>
            fill(report.smsItem, {
              organisation: o.name,
              categories: list(
                language,
                o.categories.map((c) => locale.categories[c].short),
              ),
              date: smsDate(o.lastAt),
            }),
          ),
        ),
      })
    : report.smsNone;
  const contact = smsContact(locale, data.holder, report.smsCall, report.smsAsk);
  return smsText(fill(report.sms, { reference: data.reference, summary, contact }), isLatinScript(language));
}

type SmsText = Rendered['sms'];
