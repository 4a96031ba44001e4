/**
 * The strongest exact attack on suppressed counts (tests only). Every published relation is a
 * linear equation over the unknown (suppressed) counts, e.g. "these cells minus that total = a
 * known number" (terms are [unknown, coefficient]). A
 * cell is disclosed when the system fixes its value, i.e. when no solution of the homogeneous
 * system moves it. Returns the ids of the unknowns the attacker can solve for.
 */
export function solvableUnknowns(unknowns: readonly string[], equations: readonly (readonly (readonly [string, number])[])[]): string[] {
  const column = new Map(unknowns.map((id, i) => [id, i]));
  const rows = equations
    .filter((eq) => eq.length > 0)
    .map((eq) => {
      const row = new Array<number>(unknowns.length).fill(0);
      for (const [id, coefficient] of eq) {
        const j = column.get(id);
        if (j === undefined) throw new RangeError(`linear attack: ${id} is not one of the unknowns`);
        row[j] = coefficient;
      }
      return row;
    });
  const cell = (i: number, j: number) => at(at(rows, i), j);
  const pivots: { row: number; column: number }[] = [];
  let r = 0;
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(cell(i, c)) > Math.abs(cell(best, c))) best = i;
    if (Math.abs(cell(best, c)) < 1e-9) continue;
    const pivot = at(rows, best);
    [rows[r], rows[best]] = [pivot, at(rows, r)];
    const scale = at(pivot, c);
    for (let j = 0; j < unknowns.length; j++) pivot[j] = at(pivot, j) / scale;
    for (const [i, row] of rows.entries()) {
      const factor = at(row, c);
      if (i === r || Math.abs(factor) < 1e-12) continue;
      for (let j = 0; j < unknowns.length; j++) row[j] = at(row, j) - factor * at(pivot, j);
    }
    pivots.push({ row: r, column: c });
    r++;
  }
  const pivotColumns = new Set(pivots.map((p) => p.column));
  const free = unknowns.map((_, i) => i).filter((i) => !pivotColumns.has(i));
  // A pivot unknown is fixed when its reduced row puts no weight on any free unknown; a free one never is.
  return pivots.filter((p) => free.every((f) => Math.abs(cell(p.row, f)) < 1e-9)).map((p) => at(unknowns, p.column));
}

/** A checked read: every index above is within the system it was built from. */
function at<T>(values: readonly T[], index: number): T {
  const value = values[index];
  if (value === undefined) throw new RangeError(`linear attack: no entry ${index} of ${values.length}`);
  return value;
}
