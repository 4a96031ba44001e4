import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { previewOpenApiDocument } from './preview-document';
import { renderSdkFiles, repositoryRoot, staleSdkFiles } from './sdk-files';

/**
 * `npm run sdk:generate` (and every `npm run build`): writes libs/sdk/openapi.json and the SDK's
 * types from the API's modules, without a database or a running API. Writes only what changed.
 */
async function main(): Promise<void> {
  const root = repositoryRoot();
  const files = await renderSdkFiles(await previewOpenApiDocument());
  const stale = new Set(staleSdkFiles(files, root));
  for (const file of files.filter((candidate) => stale.has(candidate.path))) {
    mkdirSync(dirname(join(root, file.path)), { recursive: true });
    writeFileSync(join(root, file.path), file.content);
  }
  // On stderr: `npm run --silent bench` and others print JSON only on stdout after the build.
  process.stderr.write(stale.size === 0 ? 'sdk: libs/sdk is up to date\n' : `sdk: wrote ${[...stale].join(', ')}\n`);
}

main().catch((error: unknown) => {
  console.error('sdk: generation failed:', error);
  process.exit(1);
});
