/** One group of generalised rows: its value on every dimension (month included) and how many rows. */
export interface BaseCount {
  values: Readonly<Record<string, string>>;
  count: number;
}

/** The label rare values are grouped under. */
export const OTHER = 'other';

export interface Recoding {
  /** The label a value is published under: itself, or {@link OTHER}. */
  labelOf: (dim: string, value: string) => string;
  /** Per dimension, the values grouped under {@link OTHER} (empty when none). */
  merged: Record<string, string[]>;
  /** Rows in the whole year: under k, nothing of that year is published. */
  total: number;
}

/**
 * Global recoding: a value counted fewer than k times in the year is published only inside
 * `other`, with the other rare values of its dimension (and, if `other` is still under k, with the
 * smallest common values until it is not). Afterwards every one-dimension total is at least k, so
 * all of them can be published, and the two-dimension tables share no unknown between them (see
 * protect-table.ts): that is what makes suppression exact instead of a heuristic.
 */
export function recodeRareValues(base: readonly BaseCount[], dims: readonly string[], k: number): Recoding {
  const total = base.reduce((sum, row) => sum + row.count, 0);
  const merged: Record<string, string[]> = {};
  for (const dim of dims) {
    const margins = new Map<string, number>();
    for (const row of base) margins.set(row.values[dim] ?? '', (margins.get(row.values[dim] ?? '') ?? 0) + row.count);
    const byCount = [...margins.entries()].sort(([a, x], [b, y]) => x - y || a.localeCompare(b));
    const rare = byCount.filter(([, count]) => count < k);
    let other = rare.reduce((sum, [, count]) => sum + count, 0);
    const common = byCount.filter(([, count]) => count >= k);
    while (rare.length > 0 && other < k) {
      const next = common.shift();
      if (!next) break;
      const [value, count] = next;
      rare.push([value, count]);
      other += count;
    }
    merged[dim] = rare.map(([value]) => value).sort();
  }
  const mergedSets = Object.fromEntries(Object.entries(merged).map(([dim, values]) => [dim, new Set(values)]));
  return { merged, total, labelOf: (dim, value) => (mergedSets[dim]?.has(value) ? OTHER : value) };
}
