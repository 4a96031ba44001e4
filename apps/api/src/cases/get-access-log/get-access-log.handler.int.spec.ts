import { caseStream, referralStream, type Actor } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import { GetInboxHandler } from '../../inbox/get-inbox/get-inbox.handler';
import { GetInboxQuery } from '../../inbox/get-inbox/get-inbox.query';
import { GetReferralHandler } from '../../referrals/get-referral/get-referral.handler';
import { GetReferralQuery } from '../../referrals/get-referral/get-referral.query';
import { openReadSide, SETTINGS, type ReadSide } from '../../testing/read-side.fixtures';
import {
  CASE_ID,
  NOW,
  REFERRAL_ID,
  REFUGE,
  asso,
  clinic,
  consentGranted,
  identified,
  personErased,
  referralMade,
  refuge,
  refugeCaseworker,
} from '../../testing/use-case.fixtures';
import { GetCaseHandler } from '../get-case/get-case.handler';
import { GetCaseQuery } from '../get-case/get-case.query';
import { GetAccessLogHandler } from './get-access-log.handler';
import { GetAccessLogQuery } from './get-access-log.query';

const consent = consentGranted({ recipients: [REFUGE], categories: ['identity', 'contact'], purposes: ['referral'] });
const read = (via: string, referralId: string | null) => ({
  readAt: NOW.toISOString(),
  organisationId: REFUGE,
  keyId: refuge.keyId,
  personId: null,
  via,
  referralId,
  categories: ['identity', 'contact'],
});

describe('get access log', () => {
  let side: ReadSide;
  const handler = () => new GetAccessLogHandler(side.fx.store, side.accessLog);
  const logAs = (who: Actor, options: { before?: string; limit?: number; caseId?: string } = {}) =>
    handler().execute(new GetAccessLogQuery(options.caseId ?? CASE_ID, who, options.before, options.limit ?? 20));

  beforeEach(async () => {
    side = await openReadSide('get_access_log');
    await side.given(
      [caseStream(CASE_ID), [await side.identifiedWithSealedFields(identified()), consent]],
      [referralStream(REFERRAL_ID), [referralMade()]],
    );
  });
  afterEach(() => side.close());

  describe('given the refuge opened her fields from its inbox, the referral, then her case', () => {
    beforeEach(async () => {
      const filter = { direction: 'received', status: undefined, cursor: undefined, limit: 20, minPosition: undefined } as const;
      await new GetInboxHandler(side.inbox, side.access, side.fx.dataSource, SETTINGS).execute(new GetInboxQuery(refuge, NOW, filter));
      await new GetReferralHandler(side.fx.store, side.access).execute(new GetReferralQuery(REFERRAL_ID, refuge, NOW));
      await new GetCaseHandler(side.fx.store, side.inbox, side.access, side.fx.dataSource, SETTINGS).execute(
        new GetCaseQuery(CASE_ID, refuge, NOW),
      );
    });

    it('shows the holder every read, newest first: who, through which route, which categories, never her fields', async () => {
      expect(await logAs(asso)).toEqual({
        caseId: CASE_ID,
        entries: [read('case', null), read('referral', REFERRAL_ID), read('inbox', REFERRAL_ID)],
        nextCursor: null,
      });
    });

    it('pages the log with the cursor of the previous page', async () => {
      const first = await logAs(asso, { limit: 2 });
      expect(first.entries.map((entry) => entry.via)).toEqual(['case', 'referral']);
      expect(first.nextCursor).toEqual(expect.any(String));

      const second = await logAs(asso, { limit: 2, before: first.nextCursor ?? undefined });
      expect(second).toMatchObject({ entries: [read('inbox', REFERRAL_ID)], nextCursor: null });
    });

    it('keeps the log for the holder after she was erased', async () => {
      await side.given([caseStream(CASE_ID), [personErased()]]);

      expect((await logAs(asso)).entries).toHaveLength(3);
    });

    it('names the person who opened her case, when a caseworker signed in rather than a key', async () => {
      await new GetCaseHandler(side.fx.store, side.inbox, side.access, side.fx.dataSource, SETTINGS).execute(
        new GetCaseQuery(CASE_ID, refugeCaseworker, NOW),
      );
      expect((await logAs(asso)).entries[0]).toEqual({ ...read('case', null), keyId: null, personId: 'person-refuge-caseworker' });
    });

    it('answers anyone but the holder, even the reader, as if there were no such case', async () => {
      for (const who of [refuge, clinic]) await expect(logAs(who)).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
      await expect(logAs(asso, { caseId: randomUUID() })).rejects.toMatchObject({ code: 'CASE.NOT_FOUND' });
    });
  });
});
