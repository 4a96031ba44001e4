import { Client } from 'pg';

/** Advisory lock space of start-ups; projection leaders use another one. */
const STARTUP_LOCK = [0x50415353, 0] as const;

/**
 * Runs `start` while holding a database-wide advisory lock. Services started together (compose,
 * a scaled deployment) then run their idempotent migrations one after the other: two concurrent
 * `CREATE TABLE IF NOT EXISTS` can still collide in PostgreSQL's catalogue. Taking the lock is also
 * the first proof that DATABASE_URL answers, reported in one line when it does not.
 */
export async function underStartupLock<T>(databaseUrl: string, start: () => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT pg_advisory_lock($1, $2)', [...STARTUP_LOCK]);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new Error(`DATABASE_URL (${redactUrl(databaseUrl)}) does not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return await start();
  } finally {
    // Ending the session releases the lock, also when start threw.
    await client.end().catch(() => undefined);
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'not a URL';
  }
}
