import { Client } from 'pg';

/**
 * The first proof that DATABASE_URL answers, reported in one line (password hidden) when it does
 * not, before Nest starts and its errors would bury it.
 */
export async function assertDatabaseAnswers(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined); // a refused connection is reported by connect() below
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`DATABASE_URL (${redactUrl(databaseUrl)}) does not answer: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
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
