export type Suppression = 'primary' | 'complementary';

export interface TableCell {
  row: string;
  column: string;
  count: number;
  suppressed: Suppression | null;
}

const key = (row: string, column: string) => `${row}\u0001${column}`;

/**
 * Protects one two-dimension table whose row and column totals are all published (global
 * recoding guarantees it). An attacker then knows, for every row and column, the sum of its
 * suppressed cells; with suppressed cells as the edges of a graph between rows and columns, a
 * suppressed cell's value is fixed by those sums exactly when its edge is a bridge (on no cycle).
 * So: primary suppression of every count in 1..k-1, then, for each primary cell that is a bridge,
 * the cheapest cycle through it is suppressed too (a shortest path between its column and its
 * row, weighted by the counts it would hide). Empty cells may be suppressed as well: published, a
 * zero is a known value; suppressed, it is as unknown as a small count, and hides the least.
 */
export function protectTable(
  rows: readonly string[],
  columns: readonly string[],
  counts: ReadonlyMap<string, number>,
  k: number,
): TableCell[] {
  const cells = new Map<string, TableCell>();
  for (const row of rows) {
    for (const column of columns) {
      const count = counts.get(key(row, column)) ?? 0;
      cells.set(key(row, column), { row, column, count, suppressed: count > 0 && count < k ? 'primary' : null });
    }
  }
  const primaries = [...cells.values()].filter((cell) => cell.suppressed === 'primary');
  for (const cell of primaries) {
    if (!isBridge(cell, cells, rows, columns)) continue;
    for (const added of cheapestPath(cell, cells, rows, columns)) added.suppressed ??= 'complementary';
  }
  return [...cells.values()];
}

const rowNode = (row: string) => `r:${row}`;
const columnNode = (column: string) => `c:${column}`;

/** True when no other path of suppressed cells joins the cell's row and column. */
function isBridge(cell: TableCell, cells: Map<string, TableCell>, rows: readonly string[], columns: readonly string[]): boolean {
  const seen = new Set<string>([columnNode(cell.column)]);
  const queue = [columnNode(cell.column)];
  for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
    for (const next of neighbours(node, cells, rows, columns)) {
      const edge = next.edge;
      if (edge === cell || edge.suppressed === null || seen.has(next.node)) continue;
      if (next.node === rowNode(cell.row)) return false;
      seen.add(next.node);
      queue.push(next.node);
    }
  }
  return true;
}

/** The published cells to suppress so that the cell's column and row are joined another way, at least cost. */
function cheapestPath(cell: TableCell, cells: Map<string, TableCell>, rows: readonly string[], columns: readonly string[]): TableCell[] {
  const start = columnNode(cell.column);
  const goal = rowNode(cell.row);
  const cost = new Map<string, number>([[start, 0]]);
  const via = new Map<string, TableCell>();
  const done = new Set<string>();
  const nodes = [...rows.map(rowNode), ...columns.map(columnNode)];
  for (;;) {
    const reached = nodes.flatMap((n) => {
      const c = cost.get(n);
      return done.has(n) || c === undefined ? [] : [{ node: n, cost: c }];
    });
    const nearest = reached.sort((a, b) => a.cost - b.cost || a.node.localeCompare(b.node))[0];
    if (nearest === undefined) return [];
    const { node, cost: nodeCost } = nearest;
    if (node === goal) break;
    done.add(node);
    for (const next of neighbours(node, cells, rows, columns)) {
      const edge = next.edge;
      if (edge === cell || done.has(next.node)) continue;
      // Already suppressed: free. Otherwise what it hides, plus a little so that fewer cells win ties.
      const step = edge.suppressed !== null ? 0 : edge.count + 0.5;
      if ((cost.get(next.node) ?? Infinity) > nodeCost + step) {
        cost.set(next.node, nodeCost + step);
        via.set(next.node, edge);
      }
    }
  }
  const path: TableCell[] = [];
  for (let node = goal; node !== start;) {
    const edge = via.get(node);
    // Every node on the way back was reached through an edge, or the search would have returned [] above.
    if (!edge) throw new Error(`protectTable: no edge recorded into ${node}`);
    path.push(edge);
    node = node.startsWith('r:') ? columnNode(edge.column) : rowNode(edge.row);
  }
  return path.filter((edge) => edge.suppressed === null);
}

/** The nodes next to `node` and the cell (edge) that joins each; protectTable holds a cell for every row and column. */
function neighbours(node: string, cells: ReadonlyMap<string, TableCell>, rows: readonly string[], columns: readonly string[]) {
  const cellAt = (row: string, column: string) => {
    const cell = cells.get(key(row, column));
    if (!cell) throw new Error('protectTable: a row and column without a cell');
    return cell;
  };
  if (node.startsWith('r:')) {
    const row = node.slice(2);
    return columns.map((column) => ({ node: columnNode(column), edge: cellAt(row, column) }));
  }
  const column = node.slice(2);
  return rows.map((row) => ({ node: rowNode(row), edge: cellAt(row, column) }));
}

export const tableKey = key;
