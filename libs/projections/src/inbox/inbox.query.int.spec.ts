import { randomUUID } from 'node:crypto';
import { ProjectionRunner } from '../runner/projection-runner';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import {
  ASSO,
  CLINIC,
  OCCURRED_AT,
  REFUGE,
  consentGranted,
  personIdentified,
  referralDeclined,
  referralMade,
  toNew,
} from '../testing/inbox-events.fixtures';
import { encodeInboxCursor } from './inbox-cursor';
import type { InboxReferralRow } from './inbox-referral.entity';
import { INBOX_ENTITIES, INBOX_MIGRATIONS, inboxProjection } from './inbox.projection';
import { InboxQuery, type InboxListRequest } from './inbox.query';

describe('InboxQuery', () => {
  let fx: ReadModelFixture;
  let runner: ProjectionRunner;
  let query: InboxQuery;
  const caseId = randomUUID();
  /** Referral ids to REFUGE in the order they were made. */
  const toRefuge: string[] = [];
  const declined = new Set<string>();

  const refer = async (from: string, to: string) => {
    const referralId = randomUUID();
    const made = referralMade(referralId, caseId, { from, to });
    return { referralId, ...(await fx.store.appendToStream(`referral-${referralId}`, [toNew(made)], { expectedRevision: 'no_stream' })) };
  };
  const ids = (rows: InboxReferralRow[]) => rows.map((row) => row.referralId);
  const allPages = async (request: Omit<InboxListRequest, 'cursor'>) => {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await query.list({ ...request, cursor });
      pages.push(ids(page.rows));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && pages.length < 10);
    return pages;
  };

  beforeAll(async () => {
    fx = await openReadModelFixture('projections_inbox_query', INBOX_ENTITIES, INBOX_MIGRATIONS);
    query = new InboxQuery(fx.dataSource);
    runner = new ProjectionRunner({
      projection: inboxProjection,
      store: fx.store,
      dataSource: fx.dataSource,
      logger: { log: () => undefined, error: () => undefined },
    });
    await runner.start();
    let head = (await fx.store.appendToStream(`case-${caseId}`, [toNew(personIdentified(caseId))], { expectedRevision: 'no_stream' }))
      .position;
    for (let index = 0; index < 7; index += 1) {
      const { referralId } = await refer(ASSO, REFUGE);
      toRefuge.push(referralId);
      await refer(ASSO, CLINIC);
      if (index % 3 === 0) {
        declined.add(referralId);
        head = (await fx.store.appendToStream(`referral-${referralId}`, [toNew(referralDeclined(referralId))], { expectedRevision: 0n }))
          .position;
      }
    }
    head = (await refer(REFUGE, CLINIC)).position;
    if (!(await runner.waitForPosition(head, 10_000))) throw new Error('the inbox did not catch up');
  });
  afterAll(async () => {
    await runner.stop();
    await fx.close();
  });

  describe('listing received referrals', () => {
    it('pages newest first with no duplicate and no gap, then ends with a null cursor', async () => {
      const pages = await allPages({ organisationId: REFUGE, direction: 'received', limit: 3 });
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual([...toRefuge].reverse());
    });

    it('filters by status, a declined referral keeping its place', async () => {
      const { rows, nextCursor } = await query.list({ organisationId: REFUGE, direction: 'received', status: 'declined', limit: 10 });
      expect(ids(rows)).toEqual(toRefuge.filter((id) => declined.has(id)).reverse());
      expect(nextCursor).toBeNull();
    });

    it('shows an organisation nothing it neither sent nor received', async () => {
      const { rows } = await query.list({ organisationId: 'unknown-org', direction: 'received', limit: 10 });
      expect(rows).toEqual([]);
    });
  });

  describe('listing sent referrals', () => {
    it('lists what the organisation made, not what it received', async () => {
      const sentByRefuge = await query.list({ organisationId: REFUGE, direction: 'sent', limit: 10 });
      expect(sentByRefuge.rows.map((row) => [row.fromOrg, row.toOrg])).toEqual([[REFUGE, CLINIC]]);
      const sentByAsso = (await allPages({ organisationId: ASSO, direction: 'sent', limit: 5 })).flat();
      expect(sentByAsso).toHaveLength(14);
      expect(new Set(sentByAsso).size).toBe(14);
    });
  });

  describe('given a malformed cursor', () => {
    it.each([
      '',
      'not base64!',
      encodeInboxCursor(12n) + '=',
      Buffer.from('-1').toString('base64url'),
      Buffer.from('12abc').toString('base64url'),
    ])('rejects %p with INBOX.BAD_CURSOR', async (cursor) => {
      await expect(query.list({ organisationId: REFUGE, direction: 'received', cursor, limit: 3 })).rejects.toMatchObject({
        code: 'INBOX.BAD_CURSOR',
      });
    });
  });

  describe('reading one referral or case', () => {
    it('returns null for an unknown or malformed id instead of failing', async () => {
      await expect(query.getReferral(randomUUID())).resolves.toBeNull();
      await expect(query.getReferral('not-a-uuid')).resolves.toBeNull();
      await expect(query.getCase('not-a-uuid')).resolves.toBeNull();
    });

    it('returns the cases asked for that exist', async () => {
      const cases = await query.getCases([caseId, randomUUID(), caseId, 'nope']);
      expect(cases.map((row) => row.caseId)).toEqual([caseId]);
    });
  });

  describe('searching as a FHIR Task search does', () => {
    const search = (request: Partial<Parameters<InboxQuery['search']>[0]>) =>
      query.search({ organisationId: REFUGE, limit: 100, ...request }).then((page) => ids(page.rows));

    it('finds what the reader sent and received, by party and status, newest first', async () => {
      expect(await search({})).toHaveLength(8);
      expect(await search({ to: REFUGE })).toEqual([...toRefuge].reverse());
      expect(await search({ from: REFUGE })).toHaveLength(1);
      expect(await search({ to: REFUGE, statuses: ['declined', 'withdrawn'] })).toEqual(
        toRefuge.filter((id) => declined.has(id)).reverse(),
      );
      expect(await search({ statuses: [] })).toEqual([]);
    });

    it('never finds a referral the reader is not a party to, whatever the filters name', async () => {
      expect(await search({ organisationId: 'unknown-org', to: REFUGE })).toEqual([]);
      expect(await search({ organisationId: ASSO, from: REFUGE })).toEqual([]);
    });

    it('filters on the time of the last change, strictly or not', async () => {
      const later = '2026-11-23T08:00:00.000Z';
      const referralId = randomUUID();
      const { position } = await fx.store.appendToStream(
        `referral-${referralId}`,
        [toNew(referralMade(referralId, caseId, { from: ASSO, to: CLINIC }), later)],
        {
          expectedRevision: 'no_stream',
        },
      );
      if (!(await runner.waitForPosition(position, 10_000))) throw new Error('the inbox did not catch up');
      const at = (iso: string, inclusive: boolean) => ({ at: new Date(iso), inclusive });

      expect(await search({ organisationId: CLINIC, updatedAfter: at(OCCURRED_AT, false) })).toEqual([referralId]);
      expect(await search({ organisationId: CLINIC, updatedAfter: at(later, false) })).toEqual([]);
      expect(await search({ organisationId: CLINIC, updatedAfter: at(later, true) })).toEqual([referralId]);
      expect(await search({ organisationId: CLINIC, updatedBefore: at(later, false) })).toHaveLength(8);
    });

    it('pages with the inbox cursors', async () => {
      const first = await query.search({ organisationId: REFUGE, to: REFUGE, limit: 4 });
      const second = await query.search({ organisationId: REFUGE, to: REFUGE, limit: 4, cursor: first.nextCursor ?? undefined });
      expect([...ids(first.rows), ...ids(second.rows)]).toEqual([...toRefuge].reverse());
      expect(second.nextCursor).toBeNull();
    });
  });

  describe('finding the case of a consent', () => {
    it('returns the case whose consents hold it, and null for any other id', async () => {
      const consentId = randomUUID();
      const { position } = await fx.store.appendToStream(`case-${caseId}`, [toNew(consentGranted(caseId, consentId))], {
        expectedRevision: 0n,
      });
      if (!(await runner.waitForPosition(position, 10_000))) throw new Error('the inbox did not catch up');
      expect(await query.caseOfConsent(consentId)).toBe(caseId);
      expect(await query.caseOfConsent(randomUUID())).toBeNull();
      expect(await query.caseOfConsent('not-a-uuid')).toBeNull();
    });
  });
});
