import type { Actor, AgeBand } from '@passerelle/domain';
import {
  DiscreteLaplace,
  EpsilonLedger,
  RESEARCH_ENTITIES,
  RESEARCH_MIGRATIONS,
  ResearchAnswers,
  researchProjection,
  type ResearchRequest,
  type ResearchSettings,
} from '@passerelle/projections';
import { randomUUID } from 'node:crypto';
import { identifiedCase, JUNE_1, on } from '../../testing/network.fixtures';
import { openProjectionSide, type GivenStream, type ProjectionSide } from '../../testing/read-side.fixtures';
import { actor } from '../../testing/use-case.fixtures';
import { RunResearchQueryHandler } from './run-research-query.handler';
import { RunResearchQuery } from './run-research-query.query';

/** The smallest k the settings accept, and a budget two queries exhaust. */
const SETTINGS: ResearchSettings = { k: 5, epsilonBudget: 1 };
const YEAR = { from: '2026-01', to: '2026-12' };
const researcher = actor('lab-paris', null, 'researcher');

/** Noise of exactly one on every count: what the answer does with it shows, where random noise would hide it. */
class NoiseOfOne extends DiscreteLaplace {
  override sample(): number {
    return 1;
  }
}

type Row = Record<string, string | number | boolean | null>;

describe('run research query', () => {
  let side: ProjectionSide;
  const caseIds: string[] = [];
  const ask = (request: Omit<ResearchRequest, 'filters'> & { filters?: Record<string, string> }, who: Actor = researcher) => {
    const { dataSource } = side.fx;
    const handler = new RunResearchQueryHandler(
      new ResearchAnswers(dataSource, SETTINGS.k),
      new EpsilonLedger(dataSource, SETTINGS.epsilonBudget),
      new NoiseOfOne(),
      SETTINGS,
    );
    return handler.execute(
      new RunResearchQuery({ unit: 'identifications', ...request, filters: { ...YEAR, ...request.filters } }, who, JUNE_1),
    );
  };
  /** `count` women identified in March in `department`, of `ageBand`, with (or without) her research consent. */
  const women = (count: number, department: string, ageBand: AgeBand, research = true): GivenStream[] =>
    Array.from({ length: count }, () => {
      const caseId = randomUUID();
      caseIds.push(caseId);
      return identifiedCase(caseId, on('2026-03-02'), { department, ageBand }, research ? { purposes: ['research'] } : null);
    });

  /**
   * Women who consented to research: in Île-de-France (93) 2 aged 18-24, 6 aged 25-34, 6 aged
   * 35-44; in Provence-Alpes-Côte d'Azur (13) 5, 3 and 5; in Bretagne (35) 2 aged 25-34. Three
   * more in Île-de-France, aged 25-34, did not consent.
   */
  beforeAll(async () => {
    side = await openProjectionSide('run_research_query', {
      projection: researchProjection,
      entities: RESEARCH_ENTITIES,
      migrations: RESEARCH_MIGRATIONS,
    });
    await side.given(
      ...women(2, '93', '18-24'),
      ...women(6, '93', '25-34'),
      ...women(6, '93', '35-44'),
      ...women(5, '13', '18-24'),
      ...women(3, '13', '25-34'),
      ...women(5, '13', '35-44'),
      ...women(2, '35', '25-34'),
      ...women(3, '93', '25-34', false),
    );
  });
  afterAll(() => side.close());

  it('counts only women who consented, by région name, with a région of fewer than k shown only inside "other"', async () => {
    const answer = await ask({ groupBy: ['region'] });

    expect(answer).toEqual({
      k: 5,
      unit: 'identifications',
      period: YEAR,
      groupBy: ['region'],
      rows: [
        { region: 'Île-de-France', count: 14 },
        { region: 'other', count: 15 },
      ],
      recoded: { region: ['Bretagne', "Provence-Alpes-Côte d'Azur"] },
      noise: null,
    });
    expect(caseIds.filter((id) => JSON.stringify(answer).includes(id))).toEqual([]);
  });

  it('suppresses a cell under k, and enough others in its row and column that no total gives it away', async () => {
    const { rows } = await ask({ groupBy: ['region', 'ageBand'] });
    const suppressed = (rows as Row[]).filter((row) => row.suppressed === true);
    const suppressedIn = (dim: string, value: unknown) => suppressed.filter((row) => row[dim] === value).length;

    expect(rows).toHaveLength(6);
    expect(rows).toContainEqual({ region: 'Île-de-France', ageBand: '18-24', count: null, suppressed: true });
    expect((rows as Row[]).filter((row) => row.suppressed !== true).every((row) => Number(row.count) >= SETTINGS.k)).toBe(true);
    expect(suppressed.every((row) => suppressedIn('region', row.region) >= 2 && suppressedIn('ageBand', row.ageBand) >= 2)).toBe(true);
  });

  it('refuses a filter on a value published only inside "other"', async () => {
    await expect(ask({ groupBy: ['ageBand'], filters: { region: 'Bretagne' } })).rejects.toMatchObject({ code: 'RESEARCH.VALUE_TOO_RARE' });
  });

  it('does not tell a researcher that a value merged into "other" to bring it up to k counts fewer than k, and names it as she wrote it', async () => {
    // Provence-Alpes-Côte d'Azur counts 13 women: it is inside "other" only because Bretagne's 2 needed company.
    const refused = ask({ groupBy: ['ageBand'], filters: { region: "Provence-Alpes-Côte d'Azur" } });

    await expect(refused).rejects.toMatchObject({ code: 'RESEARCH.VALUE_TOO_RARE', details: { field: 'filters.region' } });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringMatching(/counts fewer than/) });
    // The région's name, not its INSEE code 93, which reads as the département of Seine-Saint-Denis.
    await expect(refused).rejects.toMatchObject({ message: expect.stringContaining("region=Provence-Alpes-Côte d'Azur") });
  });

  it('adds noise to every cell of the domain, withholds noisy counts under k, and spends ε until the budget refuses', async () => {
    const noisy = await ask({ groupBy: ['ageBand'], epsilon: 0.5 });

    const withheld = { count: null, suppressed: true };
    expect(noisy.rows).toEqual([
      { ageBand: '0-17', ...withheld },
      { ageBand: '18-24', count: 8 },
      { ageBand: '25-34', count: 12 },
      { ageBand: '35-44', count: 12 },
      { ageBand: '45-54', ...withheld },
      { ageBand: '55+', ...withheld },
      { ageBand: 'unknown', ...withheld },
    ]);
    expect(noisy.noise).toEqual({
      mechanism: 'discrete_laplace',
      epsilon: 0.5,
      sensitivity: 1,
      budget: { total: 1, spent: 0.5, remaining: 0.5 },
    });
    await expect(ask({ groupBy: ['ageBand'], epsilon: 0.6 })).rejects.toMatchObject({ code: 'RESEARCH.EPSILON_BUDGET_SPENT' });
    // The refused query spent nothing; another researcher's key has a budget of its own.
    expect((await ask({ groupBy: ['region'], epsilon: 0.5 })).noise?.budget).toEqual({ total: 1, spent: 1, remaining: 0 });
    const colleague = actor('lab-lyon', null, 'researcher');
    expect((await ask({ groupBy: ['region'], epsilon: 0.5 }, colleague)).noise?.budget).toMatchObject({ spent: 0.5 });
  });
});
