import type { LatticeCell, LatticeLine } from '../disclosure/lattice';

/**
 * The strongest exact attack on suppressed counts (tests only): an attacker who holds every
 * published cell of the lattice writes each line as an equation (parent = sum of its children),
 * with the suppressed cells as unknowns, and solves. A suppressed cell is disclosed when the
 * system fixes its value: when no solution of the homogeneous system moves it.
 */
export function disclosedCells(cells: Iterable<LatticeCell>, lines: readonly LatticeLine[]): LatticeCell[] {
  const unknown = [...cells].filter((cell) => cell.suppressed !== null);
  const column = new Map(unknown.map((cell, i) => [cell, i]));
  const rows: number[][] = [];
  for (const line of lines) {
    const row = new Array<number>(unknown.length).fill(0);
    if (line.parent.suppressed !== null) row[column.get(line.parent)!] = 1;
    for (const child of line.children) if (child.suppressed !== null) row[column.get(child)!] = -1;
    if (row.some((v) => v !== 0)) rows.push(row);
  }
  const pivots = reduce(rows, unknown.length);
  const pivotColumns = new Set(pivots.map((p) => p.column));
  const free = unknown.map((_, i) => i).filter((i) => !pivotColumns.has(i));
  // A pivot variable is fixed when its row has no weight on any free variable; a free one never is.
  return pivots.filter((p) => free.every((f) => Math.abs(rows[p.row]![f]!) < 1e-9)).map((p) => unknown[p.column]!);
}

/** Reduced row echelon form in place (floats: coefficients stay small rationals here). */
function reduce(rows: number[][], width: number): Array<{ row: number; column: number }> {
  const pivots: Array<{ row: number; column: number }> = [];
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const scale = pivot[c]!;
    for (let j = 0; j < width; j++) pivot[j]! /= scale;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const factor = rows[i]![c]!;
      if (Math.abs(factor) < 1e-12) continue;
      for (let j = 0; j < width; j++) rows[i]![j]! -= factor * pivot[j]!;
    }
    pivots.push({ row: r, column: c });
    r++;
  }
  return pivots;
}
