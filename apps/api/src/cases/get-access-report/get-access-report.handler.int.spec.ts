import { caseStream, organisationStream, referralStream, type Actor, type OrganisationRegistered } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { GetReferralHandler } from '../../referrals/get-referral/get-referral.handler';
import { GetReferralQuery } from '../../referrals/get-referral/get-referral.query';
import { openReadSide, SETTINGS, type ReadSide } from '../../testing/read-side.fixtures';
import {
  ASSO,
  CASE_ID,
  NOW,
  REFERRAL_ID,
  REFUGE,
  asso,
  clinic,
  consentGranted,
  identified,
  organisationRegistered,
  personErased,
  referralMade,
  refuge,
} from '../../testing/use-case.fixtures';
import { GetCaseHandler } from '../get-case/get-case.handler';
import { GetCaseQuery } from '../get-case/get-case.query';
import { GetAccessReportHandler } from './get-access-report.handler';
import { GetAccessReportQuery } from './get-access-report.query';

const named = (id: string, name: string): OrganisationRegistered => {
  const event = organisationRegistered(id, 'ngo', ['legal']);
  return { ...event, data: { ...event.data, name } };
};

describe('get access report', () => {
  let side: ReadSide;
  const reportFor = (who: Actor, options: { caseId?: string } = {}) =>
    new GetAccessReportHandler(side.fx.store, side.accessLog, new RegisteredOrganisations(side.fx.store)).execute(
      new GetAccessReportQuery(options.caseId ?? CASE_ID, who, 'en', NOW),
    );

  beforeEach(async () => {
    side = await openReadSide('get_access_report');
    await side.given(
      [organisationStream(ASSO), [named(ASSO, 'Association 93')]],
      [organisationStream(REFUGE), [named(REFUGE, 'Refuge des Lilas')]],
      [
        caseStream(CASE_ID),
        [
          await side.identifiedWithSealedFields(identified()),
          consentGranted({ recipients: [REFUGE], categories: ['identity', 'contact'], purposes: ['referral'] }),
        ],
      ],
      [referralStream(REFERRAL_ID), [referralMade()]],
    );
  });
  afterEach(() => side.close());

  describe('given the refuge opened her fields twice through the referral and the holder once through her case', () => {
    beforeEach(async () => {
      const referral = new GetReferralHandler(side.fx.store, side.access);
      await referral.execute(new GetReferralQuery(REFERRAL_ID, refuge, NOW));
      await referral.execute(new GetReferralQuery(REFERRAL_ID, refuge, NOW));
      await new GetCaseHandler(side.fx.store, side.inbox, side.access, side.fx.dataSource, SETTINGS).execute(
        new GetCaseQuery(CASE_ID, asso, NOW),
      );
    });

    it('names every organisation that opened her data, how often, when, and which categories', async () => {
      const report = await reportFor(asso);
      expect(report).toMatchObject({
        caseId: CASE_ID,
        reference: '7F1D-2C3A',
        complete: true,
        organisations: [
          // Read at the same instant: in the order of their ids.
          { organisationId: ASSO, name: 'Association 93', roles: [], categories: ['identity', 'contact', 'health'], times: 1 },
          { organisationId: REFUGE, name: 'Refuge des Lilas', roles: [], categories: ['identity', 'contact'], times: 2 },
        ],
      });
      expect(report.document.sections[0]?.table?.rows.map((row) => [row[0], row[2]])).toEqual([
        ['Association 93', '1'],
        ['Refuge des Lilas', '2'],
      ]);
      expect(report.sms.text).toContain('Refuge des Lilas (identity and contact details, 22/11/2026)');
    });

    it('is still there for the holder after she was erased: it names organisations, never her', async () => {
      await side.given([caseStream(CASE_ID), [personErased()]]);
      const report = await reportFor(asso);
      expect(report.organisations).toHaveLength(2);
      for (const hers of ['Awa', 'Diallo', '+33600000000']) expect(JSON.stringify(report)).not.toContain(hers);
    });

    it('answers anyone but the holder, even the reader, as if there were no such case', async () => {
      for (const who of [refuge, clinic]) await expect(reportFor(who)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
      await expect(reportFor(asso, { caseId: randomUUID() })).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    });
  });

  it('says that nobody opened her data when nobody did', async () => {
    const report = await reportFor(asso);
    expect(report.organisations).toEqual([]);
    expect(report.document.sections[0]?.paragraphs).toEqual(['No organisation has opened your information.']);
  });
});
