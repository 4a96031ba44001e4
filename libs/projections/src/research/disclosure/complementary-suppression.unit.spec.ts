import fc from 'fast-check';
import { disclosedCells } from '../testing/linear-attack';
import { suppressSmallCells } from './complementary-suppression';
import { buildLattice, type BaseCount } from './lattice';

const K = 10;
const DIMS = ['region', 'service', 'ageBand'];
const protect = (base: BaseCount[]) => {
  const lattice = buildLattice(base, DIMS, 2);
  suppressSmallCells(lattice.cells.values(), lattice.lines, K);
  return lattice;
};
const cell = (lattice: ReturnType<typeof protect>, key: string) => lattice.cells.get(key)!;

const groups = fc.array(
  fc.record({
    values: fc.record({ region: fc.constantFrom('idf', 'paca', 'hdf'), service: fc.constantFrom('legal', 'medical', 'shelter'), ageBand: fc.constantFrom('18-24', '25-34') }),
    month: fc.integer({ min: 1, max: 12 }),
    count: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 })),
  }),
  { minLength: 1, maxLength: 40 },
);

describe('complementary suppression', () => {
  describe('given one small cell in a published row', () => {
    // Île-de-France: 14 medical, 3 legal, 12 shelter in March; the region total (29) is published.
    const base: BaseCount[] = [
      { values: { region: 'idf', service: 'medical', ageBand: '25-34' }, month: 3, count: 14 },
      { values: { region: 'idf', service: 'legal', ageBand: '25-34' }, month: 3, count: 3 },
      { values: { region: 'idf', service: 'shelter', ageBand: '25-34' }, month: 3, count: 12 },
    ];

    it('suppresses the small cell and a second one, so that the total minus the others gives nothing away', () => {
      const lattice = protect(base);
      expect(cell(lattice, 'region|idf|Y').suppressed).toBeNull();
      expect(cell(lattice, 'region,service|idf\u0001legal|Y').suppressed).toBe('primary');
      const published = ['medical', 'shelter'].filter((s) => cell(lattice, `region,service|idf\u0001${s}|Y`).suppressed === null);
      expect(published).toHaveLength(1);
      // The attack: the region's total minus every published service of the region.
      const guess = 29 - published.reduce((sum, s) => sum + cell(lattice, `region,service|idf\u0001${s}|Y`).count, 0);
      expect(guess).not.toBe(3);
    });

    it('suppresses the same cells whichever table a query reads them from (a filter is a dimension)', () => {
      const first = protect(base);
      const second = protect([...base].reverse());
      expect([...second.cells.values()].map((c) => [c.key, c.suppressed]).sort()).toEqual([...first.cells.values()].map((c) => [c.key, c.suppressed]).sort());
    });
  });

  it('leaves no suppressed count that an attacker holding every published count can solve for', () => {
    fc.assert(
      fc.property(groups, (base) => {
        const lattice = protect(base);
        expect(disclosedCells(lattice.cells.values(), lattice.lines).map((c) => `${c.key}=${c.count}`)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('never publishes a count between 1 and k - 1', () => {
    fc.assert(
      fc.property(groups, (base) => {
        const lattice = protect(base);
        expect([...lattice.cells.values()].filter((c) => c.suppressed === null && c.count < K)).toEqual([]);
      }),
    );
  });
});
