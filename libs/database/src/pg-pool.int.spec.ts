import { Logger, type LoggerService } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { once } from 'node:events';
import { Client } from 'pg';
import { createPool } from './pg-pool';

/** Keeps what the network would log, to read it back. */
class KeptLines implements LoggerService {
  readonly lines: string[] = [];
  log(message: string) {
    this.lines.push(message);
  }
  warn(message: string) {
    this.lines.push(message);
  }
  error(message: string) {
    this.lines.push(message);
  }
}

describe('the pools of the network', () => {
  let database: TestDatabase;
  const kept = new KeptLines();

  beforeAll(async () => {
    database = await createTestDatabase('pg_pool');
    Logger.overrideLogger(kept);
  });
  afterAll(async () => {
    Logger.overrideLogger(false);
    await database.drop();
  });

  it('name their connections passerelle-<service>-<purpose> and bound every statement', async () => {
    const pool = createPool({ connectionString: database.url, service: 'test', purpose: 'spec' });
    const long = createPool({ connectionString: database.url, service: 'test', purpose: 'rebuild', statementTimeoutMs: 600_000 });
    try {
      const {
        rows: [settings],
      } = await pool.query("SELECT current_setting('application_name') AS name, current_setting('statement_timeout') AS timeout");
      expect(settings).toEqual({ name: 'passerelle-test-spec', timeout: '30s' });
      expect((await long.query("SELECT current_setting('statement_timeout') AS timeout")).rows).toEqual([{ timeout: '10min' }]);
    } finally {
      await pool.end();
      await long.end();
    }
  });

  it('log an idle connection that drops, naming the pool and nothing of the connection string, and go on', async () => {
    const pool = createPool({ connectionString: database.url, service: 'test', purpose: 'dropped' });
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    try {
      await pool.query('SELECT 1'); // leaves one idle connection in the pool
      const dropped = once(pool, 'error');
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'passerelle-test-dropped'");
      await dropped;
      const line = kept.lines.find((l) => l.includes('passerelle-test-dropped'));
      expect(line).toMatch(/^passerelle-test-dropped: idle connection lost \(57P01: terminating connection/);
      expect(line).not.toContain(database.url);
      expect((await pool.query('SELECT 1 AS answer')).rows).toEqual([{ answer: 1 }]);
    } finally {
      await admin.end();
      await pool.end();
    }
  });
});
