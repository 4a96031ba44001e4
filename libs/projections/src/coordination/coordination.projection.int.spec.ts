import { LinkageKeyStore, PRIVACY_MIGRATIONS } from '@passerelle/privacy';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { saveCheckpoint } from '../runner/checkpoint-store';
import { ProjectionRunner } from '../runner/projection-runner';
import {
  ASSO,
  REFUGE,
  consentGranted,
  legacyPersonIdentified,
  personErased,
  personIdentified,
  referralAccepted,
  referralClosed,
  referralDeclined,
  referralMade,
  toNew,
} from '../testing/inbox-events.fixtures';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { CoordinationCapacityQuery } from './coordination-capacity.query';
import { CoordinationFunnelQuery } from './coordination-funnel.query';
import { CoordinationGapsQuery } from './coordination-gaps.query';
import {
  COORDINATION_ENTITIES,
  COORDINATION_MIGRATIONS,
  COORDINATION_PROJECTION_NAME,
  coordinationProjection,
} from './coordination.projection';

type DomainEvent = { type: string; data: unknown };
const AUTHORITY = 'authority-93';
const NOW = new Date('2026-06-01T00:00:00.000Z');

describe('coordination projection', () => {
  let fx: ReadModelFixture;
  let pool: Pool;
  let linkageKeys: LinkageKeyStore;
  /** As IdentifyPerson does: her linkage key into privacy_linkage_keys, then her identification, without it. */
  const identifiedAs = async (caseId: string, linkageKey: string, data: Parameters<typeof personIdentified>[1] = {}) => {
    await linkageKeys.record(caseId, linkageKey);
    return personIdentified(caseId, data);
  };
  const runners: ProjectionRunner[] = [];
  const startRunner = async () => {
    const runner = new ProjectionRunner({
      projection: coordinationProjection,
      store: fx.store,
      dataSource: fx.dataSource,
      logger: { log: () => undefined, error: () => undefined },
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const append = (stream: string, at: string, ...events: DomainEvent[]) =>
    fx.store.appendToStream(
      stream,
      events.map((event) => toNew(event, at)),
      { expectedRevision: 'any' },
    );
  const snapshot = async () =>
    Promise.all(
      ['coordination_cases', 'coordination_referrals', 'coordination_organisations'].map((table) =>
        fx.dataSource.query(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`),
      ),
    );

  /**
   * She is identified by the NGO on 1 March and by the authority ten days later, both with coordination
   * consent and the same linkage key; another woman is identified by the NGO without coordination consent
   * and referred to a shelter that declines. The first is referred to a specialised shelter, accepted, served.
   */
  const history = async () => {
    const [linked, authoritySide, alone, served, declined] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const organisation = (id: string, kind: string, department: string, services: string[]) =>
      append(`organisation-${id}`, '2026-01-01T00:00:00.000Z', {
        type: 'OrganisationRegistered',
        data: { organisationId: id, name: id, kind, department, services },
      });
    await organisation(ASSO, 'ngo', '93', ['legal']);
    await organisation(AUTHORITY, 'authority', '93', ['asylum_procedure']);
    await organisation(REFUGE, 'refuge', '75', ['shelter', 'specialised_shelter']);
    await append(`organisation-${REFUGE}`, '2026-01-02T00:00:00.000Z', {
      type: 'CapacityDeclared',
      data: { organisationId: REFUGE, service: 'specialised_shelter', total: 6, available: 2 },
    });
    const coordination = (caseId: string) =>
      consentGranted(caseId, `${caseId}-k`, { purposes: ['referral', 'coordination'], recipients: ['any_referral_recipient'] });
    await append(`case-${linked}`, '2026-03-01T09:00:00.000Z', await identifiedAs(linked, 'same-woman'), coordination(linked));
    // Written before linkage keys left the events: her key is still inside, and must link all the same.
    await append(
      `case-${authoritySide}`,
      '2026-03-11T09:00:00.000Z',
      legacyPersonIdentified(authoritySide, 'same-woman', { identifiedBy: AUTHORITY, identifierKind: 'authority', level: 'formal' }),
      coordination(authoritySide),
    );
    await append(`case-${alone}`, '2026-03-05T09:00:00.000Z', await identifiedAs(alone, 'another-woman'));
    await append(`referral-${served}`, '2026-03-02T09:00:00.000Z', referralMade(served, linked));
    await append(`referral-${served}`, '2026-03-03T09:00:00.000Z', referralAccepted(served));
    await append(`referral-${served}`, '2026-03-23T09:00:00.000Z', referralClosed(served, 'service_provided'));
    await append(
      `referral-${declined}`,
      '2026-03-06T09:00:00.000Z',
      referralMade(declined, alone, { service: 'shelter', respondBy: '2026-03-07T09:00:00.000Z' }),
    );
    const last = await append(`referral-${declined}`, '2026-03-06T21:00:00.000Z', referralDeclined(declined, 'no_capacity'));
    return { ...last, linked, authoritySide, alone };
  };

  beforeEach(async () => {
    fx = await openReadModelFixture('projections_coordination', COORDINATION_ENTITIES, [PRIVACY_MIGRATIONS, COORDINATION_MIGRATIONS]);
    pool = new Pool({ connectionString: fx.db.url, max: 2 });
    linkageKeys = new LinkageKeyStore(pool);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await pool.end();
    await fx.close();
  });

  it('counts the funnel in cases, with delays between stages and decline reasons', async () => {
    const runner = await startRunner();
    expect(await runner.waitForPosition((await history()).position, 10_000)).toBe(true);

    const funnel = await new CoordinationFunnelQuery(fx.dataSource).funnel({}, NOW);
    expect(funnel.stages).toEqual([
      { stage: 'identified', count: 3, conversion: null },
      { stage: 'referred', count: 2, conversion: 0.667 },
      { stage: 'accepted', count: 1, conversion: 0.5 },
      { stage: 'closed_service_provided', count: 1, conversion: 1 },
    ]);
    expect(funnel.declineReasons).toEqual({ no_capacity: 1 });
    expect(funnel.delaysDays).toEqual({
      identifiedToReferred: { median: 1, p90: 1 },
      referredToAccepted: { median: 1, p90: 1 },
      acceptedToClosed: { median: 20, p90: 20 },
    });
    expect(funnel.byOrganisation.find((row) => row.organisationId === REFUGE)).toMatchObject({
      kind: 'refuge',
      received: 2,
      receivedAccepted: 1,
      receivedDeclined: 1,
    });
    const march5 = await new CoordinationFunnelQuery(fx.dataSource).funnel({ from: '2026-03-05', to: '2026-03-10', kind: 'ngo' }, NOW);
    expect(march5.stages.map((stage) => stage.count)).toEqual([1, 1, 0, 0]);
  });

  it('links the same woman across the NGO and the authority only where she consented to coordination', async () => {
    const runner = await startRunner();
    expect(await runner.waitForPosition((await history()).position, 10_000)).toBe(true);

    const gaps = await new CoordinationGapsQuery(fx.dataSource).gaps({}, NOW, 30);
    expect(gaps.totals).toEqual({ ngoOnly: 0, authorityOnly: 0, both: 1, lagDays: { median: 10, p90: 10 }, notLinkable: 1 });
    expect(gaps.rows).toEqual([
      {
        department: '93',
        indicator: 'trafficking_sexual',
        month: '2026-03',
        ngoOnly: 0,
        authorityOnly: 0,
        both: 1,
        lagDays: { median: 10, p90: 10 },
      },
    ]);
    // The second woman was only offered an ordinary shelter: still waiting for a specialised one or the authority.
    expect(gaps.unreferredTrafficking).toEqual({
      afterDays: 30,
      count: 1,
      byDepartment: [{ department: '93', count: 1 }],
      byOrganisation: [{ organisationId: ASSO, count: 1 }],
    });
    expect(JSON.stringify(gaps)).not.toMatch(/same-woman|another-woman/);
  });

  it('unlinks her identification when its consent expires or she is erased, whatever was linked before', async () => {
    const runner = await startRunner();
    await history();
    const [ngoSide, authoritySide] = [randomUUID(), randomUUID()];
    const consent = (caseId: string, expiresAt: string | null) =>
      consentGranted(caseId, `${caseId}-k`, { purposes: ['coordination'], expiresAt });
    await append(
      `case-${ngoSide}`,
      '2026-04-01T09:00:00.000Z',
      await identifiedAs(ngoSide, 'third-woman'),
      consent(ngoSide, '2026-05-01T00:00:00.000Z'),
    );
    const { position } = await append(
      `case-${authoritySide}`,
      '2026-04-20T09:00:00.000Z',
      await identifiedAs(authoritySide, 'third-woman', { identifiedBy: AUTHORITY, identifierKind: 'authority' }),
      consent(authoritySide, null),
    );
    expect(await runner.waitForPosition(position, 10_000)).toBe(true);
    const gaps = new CoordinationGapsQuery(fx.dataSource);

    expect((await gaps.gaps({ from: '2026-04-01' }, new Date('2026-04-25T00:00:00.000Z'), 30)).totals).toMatchObject({
      both: 1,
      authorityOnly: 0,
    });
    // 1 May: her consent at the NGO has expired; only the authority's identification may still be linked.
    expect((await gaps.gaps({ from: '2026-04-01' }, NOW, 30)).totals).toMatchObject({ both: 0, authorityOnly: 1, ngoOnly: 0 });
    await linkageKeys.erase(authoritySide);
    const erased = await append(`case-${authoritySide}`, '2026-06-02T09:00:00.000Z', personErased(authoritySide));
    expect(await runner.waitForPosition(erased.position, 10_000)).toBe(true);
    expect((await gaps.gaps({ from: '2026-04-01' }, new Date('2026-04-25T00:00:00.000Z'), 30)).totals).toMatchObject({
      both: 0,
      authorityOnly: 0,
      ngoOnly: 1,
    });
  });

  it('sets declared places against occupied places and the waiting list', async () => {
    const runner = await startRunner();
    expect(await runner.waitForPosition((await history()).position, 10_000)).toBe(true);

    const capacity = await new CoordinationCapacityQuery(fx.dataSource).capacity({ kind: 'refuge' }, NOW);
    expect(capacity.rows.map((row) => [row.service, row.declared?.total ?? null, row.occupied, row.waiting])).toEqual([
      ['shelter', null, 0, 0],
      ['specialised_shelter', 6, 0, 0],
    ]);
  });

  it('ends with the same rows when the events are replayed from a lowered checkpoint', async () => {
    const first = await startRunner();
    const { position } = await history();
    expect(await first.waitForPosition(position, 10_000)).toBe(true);
    await first.stop();
    const before = await snapshot();
    expect(JSON.stringify(before)).not.toContain('sealed:');

    await saveCheckpoint(fx.dataSource, COORDINATION_PROJECTION_NAME, -1n, null);
    const second = await startRunner();
    expect(await second.waitForPosition(position, 10_000)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps her linkage key only while she consents to coordination, and never takes it back from an old event once she is erased', async () => {
    const runner = await startRunner();
    const { linked, authoritySide, alone } = await history();
    const erased = async () => {
      await linkageKeys.erase(authoritySide);
      return append(`case-${authoritySide}`, '2026-06-02T09:00:00.000Z', personErased(authoritySide));
    };
    expect(await runner.waitForPosition((await erased()).position, 10_000)).toBe(true);
    const keys = async () =>
      Object.fromEntries(
        (await fx.dataSource.query<{ case_id: string; linkage_key: string }[]>('SELECT case_id, linkage_key FROM coordination_cases')).map(
          (row) => [row.case_id, row.linkage_key],
        ),
      );
    // `alone` never consented to coordination: the view has no use for her pseudonym.
    const expected = { [linked]: 'same-woman', [authoritySide]: null, [alone]: null };
    expect(await keys()).toMatchObject(expected);

    // Rebuilt from the first event: her old PersonIdentified still holds her key, and it stays unread.
    await runner.stop();
    for (const table of ['coordination_cases', 'coordination_persons']) await fx.dataSource.query(`TRUNCATE ${table}`);
    await saveCheckpoint(fx.dataSource, COORDINATION_PROJECTION_NAME, -1n, null);
    const replay = await startRunner();
    expect(await replay.waitForPosition(await fx.store.headPosition(), 10_000)).toBe(true);
    expect(await keys()).toMatchObject(expected);
    expect(await pool.query('SELECT linkage_key, erased_at FROM privacy_linkage_keys WHERE case_id = $1', [authoritySide])).toMatchObject({
      rows: [{ linkage_key: null, erased_at: expect.any(Date) as Date }],
    });
    expect((await new CoordinationGapsQuery(fx.dataSource).gaps({}, NOW, 30)).totals).toMatchObject({ both: 0 });
  });
});
