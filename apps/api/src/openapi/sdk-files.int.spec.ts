import { previewOpenApiDocument } from './preview-document';
import { renderSdkFiles, staleSdkFiles } from './sdk-files';

/**
 * The SDK's committed document and types are those of the API as it is now: a route, a DTO or a
 * decorator changed without `npm run sdk:generate` fails here, before a partner gets stale types.
 */
describe('libs/sdk generated files', () => {
  it('match the OpenAPI document the API builds now', async () => {
    const stale = staleSdkFiles(await renderSdkFiles(await previewOpenApiDocument()));
    if (stale.length > 0) throw new Error(`${stale.join(' and ')} are stale: run \`npm run sdk:generate\` and commit the result`);
  });
});
