/**
 * The strongest exact attack on suppressed counts (tests only). Every published relation is a
 * linear equation over the unknown (suppressed) counts, e.g. "these cells minus that total = a
 * known number" (terms are [unknown, coefficient]). A
 * cell is disclosed when the system fixes its value, i.e. when no solution of the homogeneous
 * system moves it. Returns the ids of the unknowns the attacker can solve for.
 */
export function solvableUnknowns(unknowns: readonly string[], equations: ReadonlyArray<ReadonlyArray<readonly [string, number]>>): string[] {
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows = equations.filter((eq) => eq.length > 0).map((eq) => {
    const row = new Array<number>(unknowns.length).fill(0);
    for (const [id, coefficient] of eq) row[column.get(id)!] = coefficient;
    return row;
  });
  const pivots: Array<{ row: number; column: number }> = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i]![c]!) > Math.abs(rows[best]![c]!)) best = i;
    if (Math.abs(rows[best]![c]!) < 1e-9) continue;
    [rows[r], rows[best]] = [rows[best]!, rows[r]!];
    const pivot = rows[r]!;
    const scale = pivot[c]!;
    for (let j = 0; j < unknowns.length; j++) pivot[j]! /= scale;
    for (let i = 0; i < rows.length; i++) {
      const factor = rows[i]![c]!;
      if (i === r || Math.abs(factor) < 1e-12) continue;
      for (let j = 0; j < unknowns.length; j++) rows[i]![j]! -= factor * pivot[j]!;
    }
    pivots.push({ row: r, column: c });
    r++;
  }
  const pivotColumns = new Set(pivots.map((p) => p.column));
  const free = unknowns.map((_, i) => i).filter((i) => !pivotColumns.has(i));
  // A pivot unknown is fixed when its reduced row puts no weight on any free unknown; a free one never is.
  return pivots.filter((p) => free.every((f) => Math.abs(rows[p.row]![f]!) < 1e-9)).map((p) => unknowns[p.column]!);
}
