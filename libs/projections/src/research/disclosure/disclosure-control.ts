import { OTHER, recodeRareValues, type BaseCount } from './rare-values';
import { protectTable, tableKey, type Suppression } from './protect-table';

export interface ControlledCell {
  values: Record<string, string>;
  count: number;
  suppressed: Suppression | null;
}

export interface ControlledTable {
  cells: ControlledCell[];
  /** Per dimension, the values published only inside `other`. */
  merged: Record<string, string[]>;
  /** The label a value is published under (itself or `other`). */
  labelOf: (dim: string, value: string) => string;
}

export const MAX_DIMENSIONS = 2;

/**
 * The counts of one year's rows over `dims` (at most two, month included), with disclosure
 * control: rare values recoded into `other` over every dimension of the unit (so every total
 * of one dimension is ≥ k and published), then each two-dimension table protected on its own
 * (protect-table.ts). Since the tables share no unknown, what one query hides no other query,
 * total or difference can reveal: the same data always gives the same cells the same status.
 */
export function controlledTable(
  base: readonly BaseCount[],
  unitDims: readonly string[],
  dims: readonly string[],
  k: number,
): ControlledTable {
  if (dims.length > MAX_DIMENSIONS) throw new RangeError(`at most ${MAX_DIMENSIONS} dimensions per table`);
  const recoding = recodeRareValues(base, unitDims, k);
  const counts = new Map<string, number>();
  const labelled = base.map((row) => ({ labels: dims.map((dim) => recoding.labelOf(dim, row.values[dim] ?? '')), count: row.count }));
  for (const { labels, count } of labelled)
    counts.set(tableKey(labels[0] ?? '', labels[1] ?? ''), (counts.get(tableKey(labels[0] ?? '', labels[1] ?? '')) ?? 0) + count);
  const valuesOf = (labels: string[]) => Object.fromEntries(dims.map((dim, i) => [dim, labels[i] ?? '']));
  if (recoding.total < k || dims.length < 2) {
    // Under k rows in the year: nothing is published. Otherwise every total of one dimension is ≥ k.
    const suppressed: Suppression | null = recoding.total < k ? 'primary' : null;
    const cells = [...counts.entries()].map(([joined, count]) => ({
      values: valuesOf(joined.split('\u0001').slice(0, dims.length)),
      count,
      suppressed,
    }));
    return { cells, merged: recoding.merged, labelOf: recoding.labelOf };
  }
  const present = (i: number) => [...new Set(labelled.map(({ labels }) => labels[i] ?? ''))].sort();
  const cells = protectTable(present(0), present(1), counts, k)
    .filter((cell) => cell.count > 0 || cell.suppressed !== null)
    .map((cell) => ({ values: valuesOf([cell.row, cell.column]), count: cell.count, suppressed: cell.suppressed }));
  return { cells, merged: recoding.merged, labelOf: recoding.labelOf };
}

export { OTHER };
