import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per projection; written in the same transaction as that projection's rows. */
export class ProjectionCheckpoints1767225600000 implements MigrationInterface {
  readonly name = 'ProjectionCheckpoints1767225600000';

  async up(runner: QueryRunner): Promise<void> {
    // IF NOT EXISTS: several processes may start against one database and race through migrations.
    await runner.query(`
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS projection_checkpoints');
  }
}

/** Migrations every read-model database needs, whatever projections it holds. */
export const PROJECTION_RUNNER_MIGRATIONS = [ProjectionCheckpoints1767225600000];
