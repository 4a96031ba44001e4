import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { previewOpenApiDocument } from './preview-document';

/** `npm run openapi -- <file>`: writes the document /docs-json serves, without a database or a server (redocly lints it). */
previewOpenApiDocument()
  .then((document) => writeFileSync(process.argv[2] ?? 'openapi.json', JSON.stringify(document, null, 2) + '\n'))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
