import { randomUUID } from 'node:crypto';
import { saveCheckpoint } from '../runner/checkpoint-store';
import { ProjectionRunner } from '../runner/projection-runner';
import {
  LINKAGE_KEY,
  REFUGE,
  consentGranted,
  consentWithdrawn,
  personErased,
  legacyPersonIdentified,
  personIdentified,
  referralAccepted,
  referralMade,
  toNew,
} from '../testing/inbox-events.fixtures';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { RESEARCH_ENTITIES, RESEARCH_MIGRATIONS, RESEARCH_PROJECTION_NAME, researchProjection } from './research.projection';

type DomainEvent = { type: string; data: unknown };

describe('research projection', () => {
  let fx: ReadModelFixture;
  const runners: ProjectionRunner[] = [];
  const run = async () => {
    const runner = new ProjectionRunner({
      projection: researchProjection,
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
  const dump = async () =>
    JSON.stringify(
      await Promise.all(
        ['research_cases', 'research_referrals', 'research_organisations'].map((table) =>
          fx.dataSource.query(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`),
        ),
      ),
    );
  const [consenting, erased, referral] = [randomUUID(), randomUUID(), randomUUID()];
  const history = async () => {
    await append(`organisation-${REFUGE}`, '2026-01-01T00:00:00.000Z', {
      type: 'OrganisationRegistered',
      data: { organisationId: REFUGE, name: 'Refuge', kind: 'refuge', department: '75', services: ['shelter'] },
    });
    const research = (caseId: string) => consentGranted(caseId, `${caseId}-r`, { purposes: ['research'] });
    await append(
      `case-${consenting}`,
      '2026-03-01T09:00:00.000Z',
      personIdentified(consenting, { indicators: ['trafficking_sexual', 'pregnant'] }),
      research(consenting),
    );
    // As written before her linkage key left the events: research must not copy it.
    await append(`case-${erased}`, '2026-03-02T09:00:00.000Z', legacyPersonIdentified(erased), research(erased));
    await append(`referral-${referral}`, '2026-03-03T22:00:00.000Z', referralMade(referral, consenting, { service: 'shelter' }));
    await append(`referral-${referral}`, '2026-03-05T08:00:00.000Z', referralAccepted(referral));
    return append(`case-${erased}`, '2026-04-01T09:00:00.000Z', personErased(erased));
  };

  beforeEach(async () => {
    fx = await openReadModelFixture('projections_research', RESEARCH_ENTITIES, RESEARCH_MIGRATIONS);
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await fx.close();
  });

  it('keeps generalised rows only: month, région, kinds, indicator families, age band, outcome, days to answer', async () => {
    const runner = await run();
    expect(await runner.waitForPosition((await history()).position, 10_000)).toBe(true);
    const [row] = await fx.dataSource.query('SELECT * FROM research_cases WHERE case_id = $1', [consenting]);
    expect(row).toMatchObject({
      month: '2026-03',
      region: '11',
      organisation_kind: 'ngo',
      indicator_set: 'trafficking+vulnerability',
      age_band: '25-34',
    });
    const [made] = await fx.dataSource.query('SELECT * FROM research_referrals WHERE referral_id = $1', [referral]);
    expect(made).toMatchObject({ month: '2026-03', service: 'shelter', outcome: 'accepted', response_days: 2, delay_band: '1-2_days' });
    const everything = await dump();
    expect(everything).not.toMatch(/sealed:|"93"|department/);
    expect(everything).not.toContain(LINKAGE_KEY);
  });

  it('forgets an erased woman entirely, and a withdrawn consent ends her research window', async () => {
    const runner = await run();
    await history();
    const { position } = await append(`case-${consenting}`, '2026-05-01T09:00:00.000Z', consentWithdrawn(consenting, `${consenting}-r`));
    expect(await runner.waitForPosition(position, 10_000)).toBe(true);
    expect(await fx.dataSource.query('SELECT 1 FROM research_cases WHERE case_id = $1', [erased])).toEqual([]);
    const [row] = await fx.dataSource.query('SELECT research_until FROM research_cases WHERE case_id = $1', [consenting]);
    expect(row.research_until).toBeNull();
  });

  it('ends with the same rows when the events are replayed from a lowered checkpoint', async () => {
    const first = await run();
    const { position } = await history();
    expect(await first.waitForPosition(position, 10_000)).toBe(true);
    await first.stop();
    const before = await dump();
    await saveCheckpoint(fx.dataSource, RESEARCH_PROJECTION_NAME, -1n, null);
    const second = await run();
    expect(await second.waitForPosition(position, 10_000)).toBe(true);
    expect(await dump()).toBe(before);
  });
});
