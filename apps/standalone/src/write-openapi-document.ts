import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { buildOpenApiDocument } from '../../api/src/openapi-document';
import { StandaloneModule } from './standalone.module';

/**
 * `npm run openapi -- <file>`: writes the document /docs-json serves, without a database or a
 * server. Nest's preview mode reads the modules and controllers without making a provider, so the
 * settings below are never used to connect anywhere.
 */
async function main(file: string): Promise<void> {
  const unused = 'postgres://unused@127.0.0.1:1/unused';
  const app = await NestFactory.create<NestExpressApplication>(
    StandaloneModule.forRoot({
      databaseUrl: unused,
      masterKey: randomBytes(32).toString('base64'),
      linkageKey: randomBytes(32).toString('base64'),
      bodyLimit: '100kb',
      logLevel: 'error',
      bootstrapAdminKey: null,
      readYourWritesTimeoutMs: 0,
      eventStore: { kind: 'postgres' },
    }),
    { preview: true, logger: false, abortOnError: false },
  );
  writeFileSync(file, JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n');
}

main(process.argv[2] ?? 'openapi.json').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
