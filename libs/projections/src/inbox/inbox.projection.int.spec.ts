import { randomUUID } from 'node:crypto';
import { ProjectionRunner } from '../runner/projection-runner';
import { saveCheckpoint } from '../runner/checkpoint-store';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import {
  ASSO,
  CLINIC,
  LINKAGE_KEY,
  REFUGE,
  consentGranted,
  consentWithdrawn,
  personErased,
  legacyPersonIdentified,
  referralAccepted,
  referralClosed,
  referralDeclined,
  referralMade,
  toNew,
} from '../testing/inbox-events.fixtures';
import { INBOX_ENTITIES, INBOX_MIGRATIONS, INBOX_PROJECTION_NAME, inboxProjection } from './inbox.projection';
import { InboxQuery } from './inbox.query';

type DomainEvent = { type: string; data: unknown };

describe('inbox projection', () => {
  let fx: ReadModelFixture;
  let query: InboxQuery;
  const runners: ProjectionRunner[] = [];
  const startRunner = async () => {
    const runner = new ProjectionRunner({
      projection: inboxProjection,
      store: fx.store,
      dataSource: fx.dataSource,
      logger: { log: () => undefined, error: () => undefined },
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const append = (stream: string, ...events: DomainEvent[]) =>
    fx.store.appendToStream(
      stream,
      events.map((event) => toNew(event, '2026-11-22T10:00:00.000Z')),
      { expectedRevision: 'any' },
    );
  /** Every row of both tables, as text, so that two snapshots compare exactly. */
  const snapshot = async () => ({
    cases: await fx.dataSource.query('SELECT row_to_json(c)::text AS row FROM inbox_cases c ORDER BY case_id'),
    referrals: await fx.dataSource.query('SELECT row_to_json(r)::text AS row FROM inbox_referrals r ORDER BY referral_id'),
  });

  beforeEach(async () => {
    fx = await openReadModelFixture('projections_inbox', INBOX_ENTITIES, INBOX_MIGRATIONS);
    query = new InboxQuery(fx.dataSource);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await fx.close();
  });

  describe('given a case identified with consent and referred', () => {
    const caseId = randomUUID();
    const referralId = randomUUID();
    const declinedId = randomUUID();

    const history = async () => {
      await append(
        `case-${caseId}`,
        // As written before her linkage key left the events: the inbox must not copy it.
        legacyPersonIdentified(caseId),
        consentGranted(caseId, 'consent-1'),
        consentGranted(caseId, 'consent-2', { recipients: [CLINIC] }),
      );
      await append(`referral-${referralId}`, referralMade(referralId, caseId), referralAccepted(referralId));
      await append(`organisation-${REFUGE}`, {
        type: 'CapacityDeclared',
        data: { organisationId: REFUGE, service: 'shelter', total: 4, available: 1 },
      });
      return append(
        `referral-${declinedId}`,
        referralMade(declinedId, caseId, { to: CLINIC }),
        referralDeclined(declinedId, 'not_eligible'),
      );
    };

    it('shows the referrals and the consent state of the case', async () => {
      const runner = await startRunner();
      const { position } = await history();
      expect(await runner.waitForPosition(position, 10_000)).toBe(true);

      expect(await query.getReferral(referralId)).toMatchObject({
        caseId,
        fromOrg: ASSO,
        toOrg: REFUGE,
        status: 'accepted',
        sharedCategories: ['identity'],
        messageSealed: 'sealed:message',
        respondBy: new Date('2026-12-01T12:00:00.000Z'),
      });
      expect(await query.getReferral(declinedId)).toMatchObject({ toOrg: CLINIC, status: 'declined', declineReason: 'not_eligible' });
      const stored = await query.getCase(caseId);
      expect(stored).toMatchObject({
        holder: ASSO,
        holderKind: 'ngo',
        erased: false,
        personalSealed: { identity: 'sealed:identity', contact: 'sealed:contact' },
      });
      expect(stored?.consents.map((consent) => [consent.consentId, consent.recipients, consent.withdrawn])).toEqual([
        ['consent-1', [REFUGE], false],
        ['consent-2', [CLINIC], false],
      ]);
    });

    it('never stores the linkage key anywhere in the inbox', async () => {
      const runner = await startRunner();
      expect(await runner.waitForPosition((await history()).position, 10_000)).toBe(true);
      expect(JSON.stringify(await snapshot())).not.toContain(LINKAGE_KEY);
    });

    it('records a withdrawal and an erasure, so that what was shared before them is hidden', async () => {
      const runner = await startRunner();
      await history();
      await append(`referral-${referralId}`, referralClosed(referralId, 'service_provided'));
      await append(`case-${caseId}`, consentWithdrawn(caseId, 'consent-1'));
      const { position } = await append(`case-${caseId}`, personErased(caseId));
      expect(await runner.waitForPosition(position, 10_000)).toBe(true);

      const stored = await query.getCase(caseId);
      expect(stored).toMatchObject({ erased: true, personalSealed: null });
      expect(stored?.consents.find((consent) => consent.consentId === 'consent-1')?.withdrawn).toBe(true);
      expect(await query.getReferral(referralId)).toMatchObject({ status: 'closed', outcome: 'service_provided' });
    });

    it('does not double anything when the same events are replayed from a lowered checkpoint', async () => {
      const first = await startRunner();
      const { position } = await history();
      expect(await first.waitForPosition(position, 10_000)).toBe(true);
      await first.stop();
      const before = await snapshot();

      await saveCheckpoint(fx.dataSource, INBOX_PROJECTION_NAME, -1n, null);
      const second = await startRunner();
      expect(await second.waitForPosition(position, 10_000)).toBe(true);

      expect(await snapshot()).toEqual(before);
      expect((await query.getCase(caseId))?.consents).toHaveLength(2);
    });
  });
});
