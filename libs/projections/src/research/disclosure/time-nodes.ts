/**
 * The calendar of one year as a hierarchy: the year, its four quarters, its twelve months. A
 * research period must be one of these nodes, so that every period total is a line total of the
 * suppression lattice (an arbitrary range, Feb–May minus Feb–Apr, would isolate a month).
 */
export type TimeNode = 'Y' | `Q${1 | 2 | 3 | 4}` | `M${string}`;
export type TimeLevel = 'year' | 'quarter' | 'month';

export const quarterOf = (month: number): TimeNode => `Q${Math.ceil(month / 3) as 1 | 2 | 3 | 4}`;
export const monthNode = (month: number): TimeNode => `M${String(month).padStart(2, '0')}`;

/** The nodes a month belongs to, coarsest first. */
export const nodesOfMonth = (month: number): TimeNode[] => ['Y', quarterOf(month), monthNode(month)];

export function levelOf(node: TimeNode): TimeLevel {
  return node === 'Y' ? 'year' : node.startsWith('Q') ? 'quarter' : 'month';
}

/** The node one level up, or null for the year. */
export function parentNode(node: TimeNode): TimeNode | null {
  if (node === 'Y') return null;
  if (node.startsWith('Q')) return 'Y';
  return quarterOf(Number(node.slice(1)));
}

/** The months (1..12) a node covers. */
export function monthsOf(node: TimeNode): number[] {
  if (node === 'Y') return Array.from({ length: 12 }, (_, i) => i + 1);
  if (node.startsWith('Q')) {
    const quarter = Number(node.slice(1));
    return [quarter * 3 - 2, quarter * 3 - 1, quarter * 3];
  }
  return [Number(node.slice(1))];
}
