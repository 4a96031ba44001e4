import { caseStream, referralStream, type Actor } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import {
  IDENTITY_TO_REFUGE,
  openReadSide,
  SETTINGS,
  type GivenEvent,
  type GivenStream,
  type ReadSide,
} from '../../testing/read-side.fixtures';
import {
  ASSO,
  CASE_ID,
  NOW,
  REFERRAL_ID,
  REFUGE,
  asso,
  clinic,
  consentWithdrawn,
  identified,
  personErased,
  referralMade,
  refuge,
} from '../../testing/use-case.fixtures';
import { GetInboxHandler } from './get-inbox.handler';
import { GetInboxQuery, type InboxFilter } from './get-inbox.query';

const theCase = caseStream(CASE_ID);
const madeAt = (referralId: string, occurredAt: string) => ({ ...referralMade({ referralId }), metadata: { occurredAt } });

describe('get inbox', () => {
  let side: ReadSide;
  const handler = () => new GetInboxHandler(side.inbox, side.access, side.fx.dataSource, SETTINGS);
  const inboxOf = (who: Actor, filter: Partial<InboxFilter> = {}) =>
    handler().execute(
      new GetInboxQuery(who, NOW, {
        direction: 'received',
        status: undefined,
        cursor: undefined,
        limit: 20,
        minPosition: undefined,
        ...filter,
      }),
    );
  const consentedCase = async (...more: GivenEvent[]): Promise<GivenStream> => [
    theCase,
    [await side.identifiedWithSealedFields(identified()), IDENTITY_TO_REFUGE, ...more],
  ];

  beforeEach(async () => (side = await openReadSide('get_inbox')));
  afterEach(() => side.close());

  describe('given a referral to the refuge of a case she consented to', () => {
    it('shows the receiver the referral with only the categories her consent covers, and logs the read', async () => {
      const head = await side.given(await consentedCase(), [referralStream(REFERRAL_ID), [referralMade()]]);

      const page = await inboxOf(refuge, { minPosition: head });

      expect(page).toMatchObject({ nextCursor: null, caughtUp: true });
      expect(page.items).toEqual([
        expect.objectContaining({ referralId: REFERRAL_ID, caseId: CASE_ID, from: ASSO, to: REFUGE, status: 'referred', erased: false }),
      ]);
      expect(page.items[0]?.visibleCategories).toEqual(['identity']);
      expect(page.items[0]?.person).toEqual({ givenName: 'Awa', familyName: 'Diallo', categories: ['identity'] });
      const log = await side.accessLog.listForCase(CASE_ID, { limit: 10 });
      expect(log.entries).toEqual([
        expect.objectContaining({ organisationId: REFUGE, via: 'inbox', referralId: REFERRAL_ID, categories: ['identity'] }),
      ]);
    });

    it('lists it among the sender’s sent referrals, not its received ones', async () => {
      await side.given(await consentedCase(), [referralStream(REFERRAL_ID), [referralMade()]]);

      expect((await inboxOf(asso)).items).toEqual([]);
      expect((await inboxOf(asso, { direction: 'sent' })).items.map((item) => item.referralId)).toEqual([REFERRAL_ID]);
    });

    it('shows another partner nothing, and logs no read', async () => {
      await side.given(await consentedCase(), [referralStream(REFERRAL_ID), [referralMade()]]);

      expect(await inboxOf(clinic)).toEqual({ items: [], nextCursor: null, caughtUp: true });
      expect(await inboxOf(clinic, { direction: 'sent' })).toMatchObject({ items: [] });
      expect((await side.accessLog.listForCase(CASE_ID, { limit: 10 })).entries).toEqual([]);
    });
  });

  describe('given she withdrew her consent after the referral', () => {
    it('keeps the referral listed but opens none of her fields', async () => {
      await side.given(await consentedCase(consentWithdrawn()), [referralStream(REFERRAL_ID), [referralMade()]]);

      const [item] = (await inboxOf(refuge)).items;

      expect(item).toMatchObject({ referralId: REFERRAL_ID, person: null, visibleCategories: [], erased: false });
      expect((await side.accessLog.listForCase(CASE_ID, { limit: 10 })).entries).toEqual([]);
    });
  });

  describe('given she was erased', () => {
    it('marks the referral erased, with none of her fields', async () => {
      await side.given(await consentedCase(personErased()), [referralStream(REFERRAL_ID), [referralMade()]]);

      expect((await inboxOf(refuge)).items).toEqual([expect.objectContaining({ person: null, visibleCategories: [], erased: true })]);
    });
  });

  describe('given several referrals received', () => {
    it('lists them newest first, page by page, until a null cursor', async () => {
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      await side.given(
        await consentedCase(),
        ...ids.map((id, n) => [referralStream(id), [madeAt(id, `2026-11-22T1${n}:00:00.000Z`)]] as GivenStream),
      );

      const first = await inboxOf(refuge, { limit: 2 });
      expect(first.items.map((item) => item.referralId)).toEqual([ids[2], ids[1]]);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await inboxOf(refuge, { limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((item) => item.referralId)).toEqual([ids[0]]);
      expect(second.nextCursor).toBeNull();
    });

    it('filters by status', async () => {
      const declinedId = randomUUID();
      const declined = { type: 'ReferralDeclined', data: { referralId: declinedId, by: REFUGE, reason: 'no_capacity', note: null } };
      await side.given(
        await consentedCase(),
        [referralStream(REFERRAL_ID), [referralMade()]],
        [referralStream(declinedId), [referralMade({ referralId: declinedId }), declined]],
      );

      const page = await inboxOf(refuge, { status: 'declined' });

      expect(page.items.map((item) => [item.referralId, item.status, item.declineReason])).toEqual([
        [declinedId, 'declined', 'no_capacity'],
      ]);
    });
  });
});
