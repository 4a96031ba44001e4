import { regionOf } from '@passerelle/geography';
import { solvableUnknowns } from '../../libs/projections/src/research/testing/linear-attack';
import { readRawNetwork, type RawNetwork } from '../seed/testing/raw-network';
import { SEED_DEFAULTS, startSeededNetwork, type SeededTestNetwork } from '../seed/testing/seeded-network';

const NOW = new Date('2026-11-15T00:00:00.000Z');
const YEAR = { from: '2026-01', to: '2026-12' };
const K = 10;
type Row = Record<string, string | number | boolean | null>;

describe('research queries over a seeded network', () => {
  let fx: SeededTestNetwork;
  let raw: RawNetwork;
  const ask = (body: object, key = fx.seeded.researcherKey) =>
    fx.network
      .http()
      .post('/v1/research/queries')
      .set('Authorization', `Bearer ${key}`)
      .set('X-Passerelle-Clock', NOW.toISOString())
      .send(body);
  const table = async (groupBy: string[], filters: object = {}) => {
    const response = await ask({ groupBy, filters: { ...YEAR, ...filters } });
    expect(response.status).toBe(200);
    return response.body.rows as Row[];
  };
  /** What research may count: referrals of 2026 whose case has an active research consent now. */
  const countable = () => {
    const consenting = new Set(
      raw.cases
        .filter(
          (c) =>
            !c.erased &&
            c.consents.some(
              (k) => !k.withdrawn && k.purposes.includes('research') && (k.expiresAt === null || Date.parse(k.expiresAt) > NOW.getTime()),
            ),
        )
        .map((c) => c.caseId),
    );
    return raw.referrals
      .filter((r) => consenting.has(r.caseId) && new Date(r.madeAt).getUTCFullYear() === 2026)
      .map((r) => {
        const c = raw.cases.find((x) => x.caseId === r.caseId)!;
        return {
          region: regionOf(c.department)!.name,
          service: r.service,
          ageBand: c.ageBand,
          month: new Date(r.madeAt).toISOString().slice(0, 7),
        };
      });
  };

  beforeAll(async () => {
    fx = await startSeededNetwork({ ...SEED_DEFAULTS, cases: 300 });
    raw = await readRawNetwork(fx.network.database.url);
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => fx?.close());

  it('answers the design example with generalised rows, k and suppressed cells, and nothing under k', async () => {
    const response = await ask({ groupBy: ['region', 'service'], measures: ['count'], filters: YEAR });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ k: K, unit: 'referrals', noise: null });
    const rows: Row[] = response.body.rows;
    expect(rows.some((row) => row.suppressed === true && row.count === null)).toBe(true);
    expect(rows.some((row) => typeof row.count === 'number')).toBe(true);
    expect(rows.filter((row) => typeof row.count === 'number' && row.count < K)).toEqual([]);
    expect(rows.every((row) => Object.keys(row).every((key) => ['region', 'service', 'count', 'suppressed'].includes(key)))).toBe(true);
  });

  it('counts only referrals of women who consented to research, exactly, in totals', async () => {
    const [total] = await table([]);
    expect(total).toEqual({ count: countable().length });
    expect(countable().length).toBeLessThan(raw.referrals.length);
  });

  it('lets no attacker solve for a small count from every total and table she can ask for', async () => {
    const dims = ['region', 'service', 'ageBand', 'month'];
    const truth = countable();
    const pairs = dims.flatMap((a, i) => dims.slice(i + 1).map((b) => [a, b]));
    const unknowns: string[] = [];
    const equations: [string, number][][] = [];
    const small = new Set<string>();
    const idOf = (groupBy: string[], row: Row) => `${groupBy.join(',')}:${groupBy.map((d) => row[d]).join(',')}`;
    for (const groupBy of pairs) {
      const rows = await table(groupBy);
      for (const row of rows.filter((r) => r.suppressed)) {
        unknowns.push(idOf(groupBy, row));
        const real = truth.filter((t) => groupBy.every((d) => (t as Row)[d] === row[d])).length;
        if (real > 0 && real < K) small.add(idOf(groupBy, row));
      }
      // Each line of the table adds up to a published one-dimension total: an equation over its suppressed cells.
      for (const [i] of groupBy.entries()) {
        const lines = new Map<string, [string, number][]>();
        for (const row of rows.filter((r) => r.suppressed)) {
          const line = String(row[groupBy[1 - i]!]);
          lines.set(line, [...(lines.get(line) ?? []), [idOf(groupBy, row), 1]]);
        }
        equations.push(...lines.values());
      }
    }
    expect(small.size).toBeGreaterThan(0);
    expect(solvableUnknowns(unknowns, equations).filter((u) => small.has(u))).toEqual([]);
  });

  it('gives nothing away to the naive attack either: a région total minus the published services of the région', async () => {
    const cells = await table(['region', 'service']);
    const totals = await table(['region']);
    const attacked = cells.find((row) => row.suppressed && totals.some((t) => t.region === row.region && t.count !== null))!;
    const truth = countable().filter((t) => t.region === attacked.region && t.service === attacked.service).length;
    const rowTotal = totals.find((t) => t.region === attacked.region)!.count as number;
    const published = cells
      .filter((row) => row.region === attacked.region && !row.suppressed)
      .reduce((sum, row) => sum + (row.count as number), 0);
    const hidden = cells.filter((row) => row.region === attacked.region && row.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    expect(rowTotal - published).toBeGreaterThanOrEqual(truth);
  });

  it('suppresses a cell in every query that contains it: filtered, grouped, or for one month', async () => {
    const cells = await table(['region', 'service']);
    for (const cell of cells.filter((row) => row.region !== 'other').slice(0, 6)) {
      const filtered = await table(['service'], { region: cell.region });
      expect(filtered.find((row) => row.service === cell.service)).toEqual({
        service: cell.service,
        count: cell.count,
        ...(cell.suppressed ? { suppressed: true } : {}),
      });
    }
    const months = await table(['month', 'service']);
    const june = await table(['service'], { from: '2026-06', to: '2026-06' });
    expect(june.length).toBeGreaterThan(0);
    for (const row of june) expect(months.find((m) => m.month === '2026-06' && m.service === row.service)?.count).toBe(row.count);
  });

  it('answers medians of the days to an answer only where k or more answers back them', async () => {
    const response = await ask({ groupBy: ['region'], measures: ['count', 'medianDelay'], filters: YEAR });
    expect(response.status).toBe(200);
    const rows: Row[] = response.body.rows;
    expect(rows.some((row) => typeof row.medianDelayDays === 'number')).toBe(true);
    expect(rows.filter((row) => row.suppressed && row.medianDelayDays !== null)).toEqual([]);
  });

  it('counts identifications too, by age band and indicator families', async () => {
    const response = await ask({ unit: 'identifications', groupBy: ['ageBand', 'indicatorSet'], filters: YEAR });
    expect(response.status).toBe(200);
    expect(response.body.rows.length).toBeGreaterThan(0);
    expect((await ask({ unit: 'identifications', groupBy: ['service'], filters: YEAR })).body.code).toBe('RESEARCH.UNKNOWN_DIMENSION');
  });

  it('returns generalised values only: no id, no département, no personal field', async () => {
    const bodies = JSON.stringify(
      await Promise.all(
        [
          ['region', 'service'],
          ['month', 'ageBand'],
          ['indicatorSet', 'outcome'],
        ].map((groupBy) => table(groupBy)),
      ),
    );
    const ids = [...raw.cases.flatMap((c) => [c.caseId, c.linkageKey ?? 'none']), ...raw.referrals.map((r) => r.referralId)];
    expect(ids.filter((id) => bodies.includes(id))).toEqual([]);
    expect(bodies).not.toMatch(/department|givenName|familyName|birthDate|"93"|"75"/);
  });

  it('stops counting a woman as soon as she withdraws her research consent', async () => {
    const [before] = await table([]);
    const withdrawn = raw.cases.find(
      (c) =>
        c.kind !== 'authority' &&
        c.consents.filter((k) => !k.withdrawn && k.purposes.includes('research')).length === 1 &&
        raw.referrals.some((r) => r.caseId === c.caseId && new Date(r.madeAt).getUTCFullYear() === 2026),
    )!;
    const consent = withdrawn.consents.find((k) => !k.withdrawn && k.purposes.includes('research'))!;
    const theirs = raw.referrals.filter((r) => r.caseId === withdrawn.caseId && new Date(r.madeAt).getUTCFullYear() === 2026).length;
    const response = await fx.network
      .http()
      .post(`/v1/cases/${withdrawn.caseId}/consents/${consent.consentId}/withdrawal`)
      .set('Authorization', `Bearer ${fx.seeded.partnerKeys.get(withdrawn.identifiedBy)}`)
      .send({ reason: 'research no more' });
    expect(response.status).toBe(200);
    await fx.caughtUp(BigInt(response.body.position));
    const [after] = await table([]);
    expect(after!.count).toBe((before!.count as number) - theirs);
    raw = await readRawNetwork(fx.network.database.url);
  });

  describe('with noise', () => {
    it('adds discrete Laplace noise to every count, spends ε from the budget, and refuses once it is spent', async () => {
      const first = await ask({ groupBy: ['region'], filters: YEAR, epsilon: 2 });
      expect(first.status).toBe(200);
      expect(first.body.noise).toEqual({
        mechanism: 'discrete_laplace',
        epsilon: 2,
        sensitivity: 3,
        budget: { total: 5, spent: 2, remaining: 3 },
      });
      expect(first.body.rows.every((row: Row) => row.suppressed || (row.count as number) >= K)).toBe(true);
      expect((await ask({ groupBy: ['service'], filters: YEAR, epsilon: 2 })).body.noise.budget.remaining).toBe(1);
      const refused = await ask({ groupBy: ['service'], filters: YEAR, epsilon: 2 });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'RESEARCH.EPSILON_BUDGET_SPENT', details: { remaining: 1 } });
      expect((await ask({ groupBy: ['service'], filters: YEAR, epsilon: 1 })).status).toBe(200);
      expect((await ask({ groupBy: ['service'], filters: YEAR, epsilon: 0.01 })).status).toBe(403);
    });

    it('keeps a budget per researcher key', async () => {
      const other = await fx.network
        .http()
        .post('/v1/organisations/authority-93/api-keys')
        .set('Authorization', `Bearer ${fx.network.adminKey}`)
        .send({ role: 'researcher' });
      const answer = await ask({ groupBy: ['region'], filters: YEAR, epsilon: 1 }, other.body.key);
      expect(answer.body.noise.budget).toEqual({ total: 5, spent: 1, remaining: 4 });
    });

    it('refuses a noisy median, which would need a budget of its own', async () => {
      const response = await ask({ groupBy: ['region'], measures: ['medianDelay'], filters: YEAR, epsilon: 0.5 });
      expect(response.status).toBe(422);
      expect(response.body.code).toBe('RESEARCH.MEDIAN_WITH_NOISE');
    });
  });

  describe('bad input', () => {
    it.each([
      ['an unknown dimension', { groupBy: ['nationality'], filters: YEAR }, 400],
      ['three dimensions', { groupBy: ['region', 'service', 'ageBand'], filters: YEAR }, 400],
      ['two dimensions and a filter', { groupBy: ['region', 'service'], filters: { ...YEAR, ageBand: '25-34' } }, 422],
      ['an unknown filter', { groupBy: ['region'], filters: { ...YEAR, department: '93' } }, 400],
      ['an unknown filter value', { groupBy: ['region'], filters: { ...YEAR, service: 'massage' } }, 422],
      ['a period of years', { groupBy: ['region'], filters: { from: '2025-01', to: '2026-12' } }, 422],
      ['a period given as years', { groupBy: ['region'], filters: { from: '2026', to: '2026' } }, 400],
      ['a period that is not a year or a month', { groupBy: ['region'], filters: { from: '2026-02', to: '2026-05' } }, 422],
      ['no period', { groupBy: ['region'], filters: {} }, 400],
      ['ε = 0', { groupBy: ['region'], filters: YEAR, epsilon: 0 }, 400],
      ['a negative ε', { groupBy: ['region'], filters: YEAR, epsilon: -1 }, 400],
      ['an ε below 0.01 (1e-7 was a 500)', { groupBy: ['region'], filters: YEAR, epsilon: 1e-7 }, 400],
      ['an ε above 10', { groupBy: ['region'], filters: YEAR, epsilon: 11 }, 400],
      ['a grouped and filtered dimension', { groupBy: ['service'], filters: { ...YEAR, service: 'legal' } }, 422],
    ])('refuses %s with a problem and no data', async (_what, body, status) => {
      const response = await ask(body);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.rows).toBeUndefined();
    });

    it('is refused to a coordinator, a partner, and anyone without a key', async () => {
      expect((await ask({ groupBy: ['region'], filters: YEAR }, fx.seeded.coordinatorKey)).status).toBe(403);
      expect((await ask({ groupBy: ['region'], filters: YEAR }, fx.seeded.partnerKeys.get('ngo-93-a'))).status).toBe(403);
      expect((await fx.network.http().post('/v1/research/queries').send({ groupBy: [], filters: YEAR })).status).toBe(401);
    });
  });
});
