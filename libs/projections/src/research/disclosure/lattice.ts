import { nodesOfMonth, parentNode, type TimeNode } from './time-nodes';

/** One group of generalised rows: its value on every dimension, its month (1..12) and how many rows. */
export interface BaseCount {
  values: Readonly<Record<string, string>>;
  month: number;
  count: number;
}

export type Suppression = 'primary' | 'complementary';

/** A count of the lattice: the rows matching `values` on the dimensions `dims`, in the period `node`. */
export interface LatticeCell {
  key: string;
  dims: readonly string[];
  values: readonly string[];
  node: TimeNode;
  count: number;
  suppressed: Suppression | null;
}

/** Cells that add up to `parent` (cells that differ in one dimension, or the months of a quarter, or the quarters of a year). */
export interface LatticeLine {
  parent: LatticeCell;
  children: LatticeCell[];
}

export const cellKey = (dims: readonly string[], values: readonly string[], node: TimeNode) => `${dims.join(',')}|${values.join('\u0001')}|${node}`;

/** Every subset of `dims` with at most `size` members, in a fixed order (by size, then by name). */
export function subsets(dims: readonly string[], size: number): string[][] {
  const sorted = [...dims].sort();
  const result: string[][] = [[]];
  for (const dim of sorted) for (const subset of [...result]) if (subset.length < size) result.push([...subset, dim]);
  return result.sort((a, b) => a.length - b.length || a.join(',').localeCompare(b.join(',')));
}

/**
 * Every count a query may ask for in one year: each subset of at most `maxDimensions` dimensions,
 * at every node of the year, with only the non-zero cells stored. Also builds every line (each
 * relation "these cells add up to that one"), which is what disclosure control must protect.
 */
export function buildLattice(base: readonly BaseCount[], dims: readonly string[], maxDimensions: number) {
  const tables = subsets(dims, maxDimensions);
  const cells = new Map<string, LatticeCell>();
  for (const row of base) {
    for (const subset of tables) {
      const values = subset.map((dim) => row.values[dim] ?? '');
      for (const node of nodesOfMonth(row.month)) {
        const key = cellKey(subset, values, node);
        const cell = cells.get(key);
        if (cell) cell.count += row.count;
        else cells.set(key, { key, dims: subset, values, node, count: row.count, suppressed: null });
      }
    }
  }
  const lines = new Map<string, LatticeLine>();
  const addTo = (lineKey: string, parent: LatticeCell | undefined, child: LatticeCell) => {
    if (!parent) throw new Error(`lattice without the parent of ${child.key}`);
    const line = lines.get(lineKey) ?? { parent, children: [] };
    line.children.push(child);
    lines.set(lineKey, line);
  };
  for (const cell of [...cells.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    cell.dims.forEach((dim, i) => {
      const dims = cell.dims.filter((_, j) => j !== i);
      const values = cell.values.filter((_, j) => j !== i);
      addTo(`${cellKey(dims, values, cell.node)}/${dim}`, cells.get(cellKey(dims, values, cell.node)), cell);
    });
    const up = parentNode(cell.node);
    if (up) addTo(`${cellKey(cell.dims, cell.values, up)}/time`, cells.get(cellKey(cell.dims, cell.values, up)), cell);
  }
  return { cells, lines: [...lines.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, line]) => line) };
}
