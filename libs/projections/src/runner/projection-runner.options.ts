import type { EventStore } from '@passerelle/event-store';
import type { DataSource } from 'typeorm';
import type { BackoffOptions } from './backoff';
import type { Projection } from './projection';

export interface ProjectionLogger {
  log(message: string): void;
  error(message: string): void;
}

export interface ProjectionRunnerOptions {
  /**
   * One projection, or several that share one subscription and one transaction per batch (each
   * keeps its own checkpoint row, so each can be rebuilt or inspected on its own). A group costs
   * one read of the store and one commit per batch instead of one per projection.
   */
  projection: Projection | readonly Projection[];
  /** Name of the group in logs and for leader election; the projection's own name when alone. */
  name?: string;
  store: EventStore;
  dataSource: DataSource;
  /** Most events per transaction (default 500). */
  batchSize?: number;
  /**
   * How long, at most, a busy stream's batch waits for more events (default 15 ms, the quiet
   * window: it never grows). Where most of a batch's cost is per transaction (the read models:
   * coordination cells, checkpoint, commit), a longer window under load means fewer, larger batches
   * and far less CPU per event; the quiet window stays short. See `flushWindowMs`.
   */
  maxFlushWindowMs?: number;
  backoff?: BackoffOptions;
  logger?: ProjectionLogger;
  /** Told about every failed flush or subscription (metrics, tests); the runner restarts on its own. */
  onError?: (error: unknown) => void;
}

export interface ProjectionStatus {
  name: string;
  state: 'stopped' | 'running' | 'backing_off';
  /** Last committed global position, -1n before the first event. */
  checkpoint: bigint;
  /** Positions between the store's head and the checkpoint (an upper bound on unprocessed events). */
  lag?: bigint;
  /**
   * Its last attempt failed and it has not moved since, with events left to apply: what /health
   * and `passerelle_projection_failed` report (docs/operations.md). The runner keeps retrying.
   */
  failed: boolean;
  /** Failures since start. */
  failures: number;
  /** Failures since the last progress. */
  consecutiveFailures: number;
  lastError: string | null;
}

/** Error text for logs: name, message and code only, never event payloads. */
export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}${'code' in error ? ` (${String(error.code)})` : ''}` : String(error);
