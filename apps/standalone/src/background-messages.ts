import type { RuntimeSettings } from '@passerelle/config';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';

/** What the main thread hands the background thread at start. */
export interface BackgroundWorkerData {
  settings: RuntimeSettings;
}

/** Main thread → background thread. */
export type ToBackground = { type: 'stop' } | { type: 'metrics'; requestId: number };

/** Background thread → main thread. */
export type FromBackground =
  | { type: 'ready' }
  | { type: 'stopped' }
  | { type: 'failed'; message: string }
  | { type: 'metrics'; requestId: number; metrics: MetricObjectWithValues<MetricValue<string>>[] };
