import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartDataset } from 'chart.js';
import { h } from './dom';

// Only what bar charts need, so the bundle stays small.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.color = '#1f2933';
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
// No animation: figures appear at once, and people who asked for reduced motion get none.
Chart.defaults.animation = false;

/** Colours distinguishable with the common colour-vision deficiencies, each ≥ 3:1 against white. */
export const PALETTE = ['#0b4f8a', '#c05600', '#2e7d32', '#7b1fa2', '#ad1457'];

const live = new Set<Chart>();

/** Splits a long category name into lines, so a phone-width chart never cuts it off. */
export function wrapLabel(text: string, width = 16): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/**
 * A bar chart in a figure. The canvas is an image for assistive technology (its label says what it
 * shows); the table next to it carries the same figures as text.
 */
export function barChart(
  description: string,
  labels: string[],
  datasets: ChartDataset<'bar', number[]>[],
  settings: { stacked?: boolean; horizontal?: boolean } = {},
): HTMLElement {
  const canvas = h('canvas', { role: 'img', 'aria-label': description });
  const lines = Math.max(1, ...labels.map((text) => wrapLabel(text).length));
  const height = settings.horizontal
    ? Math.max(160, labels.length * Math.max(lines * 16, settings.stacked ? 28 : 22 * datasets.length) + 70)
    : 280;
  const frame = h('div', { class: 'chart' }, canvas);
  frame.style.height = `${height}px`; // CSSOM, not an inline style attribute: allowed by the page's CSP
  live.add(
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: labels.map((text) => wrapLabel(text)),
        datasets: datasets.map((d, i) => ({ backgroundColor: PALETTE[i % PALETTE.length], ...d })),
      },
      options: {
        indexAxis: settings.horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        responsive: true,
        scales: {
          x: { stacked: settings.stacked ?? false, beginAtZero: true },
          y: { stacked: settings.stacked ?? false, beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
      },
    }),
  );
  return h('figure', { class: 'figure' }, frame);
}

/** Charts hold resize observers; the router destroys them when it leaves a view. */
export function destroyCharts(): void {
  for (const chart of live) chart.destroy();
  live.clear();
}
