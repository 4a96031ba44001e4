import type { LatticeCell, LatticeLine } from './lattice';

/**
 * k-anonymity threshold with complementary suppression over the whole lattice.
 *
 * Primary: every count under k (and above 0) is suppressed. Then, until nothing changes, for every
 * line (children that add up to a parent):
 * - parent published, exactly one child suppressed: parent minus the published children would give
 *   it away, so a second child is suppressed (the smallest, preferring one not pinned; with no other
 *   child, the child *is* the parent, so the parent is suppressed);
 * - parent suppressed, no child suppressed: the children would add up to it, so one is suppressed.
 * After the fixpoint, a line's published total and published cells leave at least two unknowns,
 * and a suppressed total always has an unknown part. The decisions depend only on the data and
 * the lattice, never on the query, so a cell is suppressed in every answer it appears in.
 *
 * A child is "pinned" when it is alone in a line whose parent is published (it equals that total):
 * suppressing it as a complement would hide nothing, so other candidates come first.
 */
export function suppressSmallCells(cells: Iterable<LatticeCell>, lines: readonly LatticeLine[], k: number): void {
  for (const cell of cells) if (cell.count > 0 && cell.count < k) cell.suppressed = 'primary';
  const linesOf = new Map<LatticeCell, LatticeLine[]>();
  for (const line of lines) for (const child of line.children) linesOf.set(child, [...(linesOf.get(child) ?? []), line]);
  const pinned = (cell: LatticeCell) => (linesOf.get(cell) ?? []).some((line) => line.children.length === 1 && line.parent.suppressed === null);
  const complement = (candidates: LatticeCell[]) =>
    [...candidates].sort((a, b) => Number(pinned(a)) - Number(pinned(b)) || a.count - b.count || a.key.localeCompare(b.key))[0]!;
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const suppressed = line.children.filter((child) => child.suppressed !== null).length;
      const published = line.children.filter((child) => child.suppressed === null);
      if (line.parent.suppressed !== null) {
        if (suppressed === 0 && published.length > 0) {
          complement(published).suppressed = 'complementary';
          changed = true;
        }
      } else if (suppressed === 1) {
        if (published.length > 0) complement(published).suppressed = 'complementary';
        else line.parent.suppressed = 'complementary';
        changed = true;
      }
    }
  }
}
