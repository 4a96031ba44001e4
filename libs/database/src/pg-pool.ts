import { Logger } from '@nestjs/common';
import { Pool, type PoolConfig } from 'pg';

/** What a connection is for; it names the connection in pg_stat_activity: `passerelle-<service>-<purpose>`. */
export interface ConnectionPurpose {
  connectionString: string;
  /** api, projector, relay, webhook-dispatcher, standalone, cli, test… */
  service: string;
  /** events, platform, read-model, migrations, rebuild… */
  purpose: string;
  /** Most connections at once (10). */
  max?: number;
  /** Server-side limit per statement: 30 s by default, longer for migrations and rebuilds. */
  statementTimeoutMs?: number;
}

export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
/** For work that scans everything on purpose: migrations with a backfill, projection rebuilds. */
export const LONG_STATEMENT_TIMEOUT_MS = 15 * 60_000;

/** The connection settings every pool and client of the network uses (TypeORM takes them as `extra`). */
export function connectionConfig(purpose: ConnectionPurpose): PoolConfig {
  return {
    connectionString: purpose.connectionString,
    application_name: applicationName(purpose),
    max: purpose.max ?? 10,
    // A database that does not answer fails the request in seconds instead of queueing it forever.
    connectionTimeoutMillis: 10_000,
    statement_timeout: purpose.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
  };
}

export const applicationName = (purpose: Pick<ConnectionPurpose, 'service' | 'purpose'>) =>
  `passerelle-${purpose.service}-${purpose.purpose}`;

/**
 * The one way the network opens a pg pool. An idle pooled connection that drops (a restart of
 * PostgreSQL, a network cut) emits 'error' on the pool, which would kill the process unhandled;
 * the next query reconnects, so it is logged (which pool, the driver's code and message: never the
 * connection string or a query's parameters) and the process goes on.
 */
export function createPool(purpose: ConnectionPurpose): Pool {
  const pool = new Pool(connectionConfig(purpose));
  pool.on('error', logConnectionError(applicationName(purpose)));
  return pool;
}

/** The 'error' listener of a pool or a long-lived client: logs what failed without secrets or data. */
export function logConnectionError(name: string): (error: Error) => void {
  const logger = new Logger('Database');
  return (error) => logger.warn(`${name}: idle connection lost (${describe(error)}); the next query reconnects`);
}

function describe(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${firstLine(error.message)}` : firstLine(error.message);
}

const firstLine = (message: string) => message.split('\n')[0] ?? '';
