import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DirectoryReadModel1767225600002 implements MigrationInterface {
  readonly name = 'DirectoryReadModel1767225600002';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE IF NOT EXISTS directory_organisations (
        organisation_id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL,
        department text NOT NULL,
        services text[] NOT NULL,
        capacity jsonb NOT NULL DEFAULT '{}'::jsonb,
        registered_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        last_position bigint NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS directory_organisations');
  }
}
