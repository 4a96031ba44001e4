import type { ClientBase, Pool, PoolClient } from 'pg';

/** Runs `work` as one transaction on `client`: committed when it resolves, rolled back when it throws. */
export async function withinTransaction<C extends ClientBase, T>(client: C, work: (client: C) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The same on a connection taken from `pool`, given back afterwards whatever happened. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await withinTransaction(client, work);
  } finally {
    client.release();
  }
}
