import { accessByOrganisation, renderAccessReport, type AccessReportData, type AccessReportDay } from './access-report';
import { receiptReference } from './format';

const CASE_ID = '3f2a9c1b-1111-4222-8333-444455556666';
const day = (overrides: Partial<AccessReportDay>): AccessReportDay => ({
  day: '2026-11-21',
  organisationId: 'refuge-75',
  name: 'Refuge des Lilas',
  role: null,
  categories: ['identity', 'contact'],
  times: 1,
  firstAt: '2026-11-21T08:00:00Z',
  lastAt: '2026-11-21T08:00:00Z',
  ...overrides,
});
const report = (days: AccessReportDay[]): AccessReportData => ({
  caseId: CASE_ID,
  reference: receiptReference(CASE_ID),
  issuedAt: '2026-11-22T10:00:00Z',
  holder: { organisationId: 'asso-93', name: 'Association 93', contact: { phone: '+33 1 48 00 00 00', email: null } },
  days,
});
const DAYS = [
  day({
    organisationId: 'asso-93',
    name: 'Association 93',
    categories: ['identity', 'health'],
    firstAt: '2026-11-20T09:00:00Z',
    lastAt: '2026-11-20T09:00:00Z',
    day: '2026-11-20',
  }),
  day({ times: 3, lastAt: '2026-11-21T17:30:00Z' }),
  day({ day: '2026-11-22', categories: ['identity'], firstAt: '2026-11-22T07:00:00Z', lastAt: '2026-11-22T07:00:00Z' }),
];

describe('access report', () => {
  it('adds up each organisation’s reads: every category it opened, how many times, first and last', () => {
    expect(accessByOrganisation(DAYS)).toEqual([
      {
        organisationId: 'asso-93',
        name: 'Association 93',
        roles: [],
        categories: ['identity', 'health'],
        times: 1,
        firstAt: '2026-11-20T09:00:00Z',
        lastAt: '2026-11-20T09:00:00Z',
      },
      {
        organisationId: 'refuge-75',
        name: 'Refuge des Lilas',
        roles: [],
        categories: ['identity', 'contact'],
        times: 4,
        firstAt: '2026-11-21T08:00:00Z',
        lastAt: '2026-11-22T07:00:00Z',
      },
    ]);
  });

  it('lists, in English, each organisation and each day with the kind of information opened, never the information', () => {
    const { document } = renderAccessReport(report(DAYS), 'en');
    expect(document.title).toBe('Who has looked at your information');
    const [summary, detail] = document.sections;
    expect(summary?.table).toEqual({
      caption: 'Organisations',
      columns: ['Organisation', 'Information opened', 'Times', 'First time', 'Last time'],
      rows: [
        [
          'Association 93',
          'Who you are (name, date of birth, nationality) and Your health',
          '1',
          '20 Nov 2026, 10:00',
          '20 Nov 2026, 10:00',
        ],
        [
          'Refuge des Lilas',
          'Who you are (name, date of birth, nationality) and How to reach you (phone, email, languages)',
          '4',
          '21 Nov 2026, 09:00',
          '22 Nov 2026, 08:00',
        ],
      ],
      numeric: [2],
    });
    expect(detail?.table?.rows.map((row) => [row[0], row[1], row[3]])).toEqual([
      ['20 November 2026', 'Association 93', '1'],
      ['21 November 2026', 'Refuge des Lilas', '3'],
      ['22 November 2026', 'Refuge des Lilas', '1'],
    ]);
  });

  it('sums it up in an SMS with the last day each organisation opened her information', () => {
    expect(renderAccessReport(report(DAYS), 'en').sms).toEqual({
      text: 'Passerelle ref 3F2A-9C1B. Opened your information: Association 93 (identity and health, 20/11/2026) and Refuge des Lilas (identity and contact details, 22/11/2026). Full report: Association 93 +33 1 48 00 00 00.',
      encoding: 'GSM-7',
      characters: 211,
      segments: 2,
    });
  });

  it('says plainly, in Tigrinya too, when nobody opened her information', () => {
    const { document, sms } = renderAccessReport(report([]), 'ti');
    expect(document.sections[0]?.paragraphs).toEqual(['ዝኾነ ትካል ሓበሬታኺ ኣይከፈተን።']);
    expect(sms.text).toContain('ዝኾነ ትካል ሓበሬታኺ ኣይከፈተን።');
    expect(sms.encoding).toBe('UCS-2');
  });
});
