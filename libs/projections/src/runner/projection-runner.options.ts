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
