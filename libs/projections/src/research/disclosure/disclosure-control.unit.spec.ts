import fc from 'fast-check';
import { solvableUnknowns } from '../testing/linear-attack';
import { controlledTable, type ControlledCell } from './disclosure-control';
import type { BaseCount } from './rare-values';

const K = 10;
const DIMS = ['region', 'service', 'ageBand', 'month'];
const pairs = DIMS.flatMap((a, i) => DIMS.slice(i + 1).map((b) => [a, b]));
const id = (dims: string[], cell: ControlledCell) => `${dims.join(',')}:${dims.map((d) => cell.values[d]).join(',')}`;
const count = (cells: ControlledCell[], values: Record<string, string>) =>
  cells.find((cell) => Object.entries(values).every(([dim, value]) => cell.values[dim] === value));

/**
 * Everything a researcher can obtain for one year: the grand total, every total of one dimension
 * and every table of two. Each total is the sum of the cells below it: with the suppressed ones
 * as unknowns, that is an equation (a published total is a constant, a suppressed one an unknown).
 */
function attack(base: BaseCount[]) {
  const unknowns: string[] = [];
  const primaries = new Map<string, number>();
  const equations: [string, number][][] = [];
  const tables = new Map<string, ControlledCell[]>();
  for (const dims of [[], ...DIMS.map((d) => [d]), ...pairs]) {
    const { cells } = controlledTable(base, DIMS, dims, K);
    tables.set(dims.join(','), cells);
    for (const cell of cells.filter((c) => c.suppressed !== null)) {
      unknowns.push(id(dims, cell));
      if (cell.suppressed === 'primary') primaries.set(id(dims, cell), cell.count);
    }
  }
  const unknown = (dims: string[], values: Record<string, string>) => {
    const cell = count(tables.get(dims.join(','))!, values);
    return cell && cell.suppressed !== null ? [[id(dims, cell), -1] as [string, number]] : [];
  };
  for (const dims of [...DIMS.map((d) => [d]), ...pairs]) {
    for (const [i] of dims.entries()) {
      const parentDims = dims.filter((_, j) => j !== i);
      const lines = new Map<string, [string, number][]>();
      for (const cell of tables.get(dims.join(','))!) {
        const parentValues = Object.fromEntries(parentDims.map((d) => [d, cell.values[d]!]));
        const line = JSON.stringify(parentValues);
        if (!lines.has(line)) lines.set(line, unknown(parentDims, parentValues));
        if (cell.suppressed !== null) lines.get(line)!.push([id(dims, cell), 1]);
      }
      equations.push(...lines.values());
    }
  }
  return solvableUnknowns(unknowns, equations)
    .filter((u) => primaries.has(u))
    .map((u) => `${u}=${primaries.get(u)}`);
}

const years = fc.array(
  fc.record({
    values: fc.record({
      region: fc.constantFrom('idf', 'paca', 'hdf', 'corse'),
      service: fc.constantFrom('legal', 'medical', 'shelter'),
      ageBand: fc.constantFrom('18-24', '25-34', '35-44'),
      month: fc.constantFrom('01', '02', '03', '04'),
    }),
    count: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 30 })),
  }),
  { minLength: 1, maxLength: 40 },
);

describe('disclosure control', () => {
  describe('given Île-de-France with 14 medical, 3 legal and 12 shelter referrals, and another region', () => {
    const base: BaseCount[] = [
      { values: { region: 'idf', service: 'medical', ageBand: '25-34', month: '03' }, count: 14 },
      { values: { region: 'idf', service: 'legal', ageBand: '25-34', month: '03' }, count: 3 },
      { values: { region: 'idf', service: 'shelter', ageBand: '25-34', month: '03' }, count: 12 },
      { values: { region: 'paca', service: 'medical', ageBand: '25-34', month: '03' }, count: 20 },
      { values: { region: 'paca', service: 'legal', ageBand: '25-34', month: '03' }, count: 11 },
      { values: { region: 'paca', service: 'shelter', ageBand: '25-34', month: '03' }, count: 15 },
    ];
    const byRegionAndService = controlledTable(base, DIMS, ['region', 'service'], K).cells;

    it('suppresses the 3 and hides it from the region total minus the published services of the region', () => {
      expect(count(byRegionAndService, { region: 'idf', service: 'legal' })?.suppressed).toBe('primary');
      const idfTotal = count(controlledTable(base, DIMS, ['region'], K).cells, { region: 'idf' })!;
      expect(idfTotal).toMatchObject({ count: 29, suppressed: null });
      const publishedInIdf = byRegionAndService.filter((c) => c.values.region === 'idf' && c.suppressed === null);
      expect(idfTotal.count - publishedInIdf.reduce((sum, c) => sum + c.count, 0)).not.toBe(3);
    });

    it('hides it from the service total minus the other regions, and from two overlapping queries', () => {
      const legal = count(controlledTable(base, DIMS, ['service'], K).cells, { service: 'legal' })!;
      const paca = byRegionAndService.find((c) => c.values.region === 'paca' && c.values.service === 'legal')!;
      expect(paca.suppressed).not.toBeNull();
      // "legal in the whole network" minus "legal in PACA, filtered": a filter is one of the table's dimensions.
      const filtered = controlledTable(base, DIMS, ['service', 'region'], K).cells.find(
        (c) => c.values.region === 'paca' && c.values.service === 'legal',
      )!;
      expect(filtered.suppressed).not.toBeNull();
      expect(legal.count).toBe(14);
    });

    it('publishes a value seen fewer than k times in the year only inside "other"', () => {
      const withCorse = [...base, { values: { region: 'corse', service: 'medical', ageBand: '25-34', month: '03' }, count: 2 }];
      const { cells, merged } = controlledTable(withCorse, DIMS, ['region'], K);
      expect(merged.region).toContain('corse');
      expect(cells.map((c) => c.values.region)).not.toContain('corse');
      expect(cells.every((c) => c.count >= K && c.suppressed === null)).toBe(true);
    });
  });

  it('leaves no small count that an attacker holding every published table can solve for', () => {
    fc.assert(
      fc.property(years, (base) => expect(attack(base)).toEqual([])),
      { numRuns: 80 },
    );
  });

  it('never publishes a count between 1 and k - 1', () => {
    fc.assert(
      fc.property(years, fc.constantFrom(...pairs, ['region'], ['month'], []), (base, dims) => {
        const { cells } = controlledTable(base, DIMS, dims, K);
        expect(cells.filter((c) => c.suppressed === null && c.count > 0 && c.count < K)).toEqual([]);
      }),
    );
  });
});
