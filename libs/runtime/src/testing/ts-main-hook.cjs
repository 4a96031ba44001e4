/*
 * Runs a TypeScript main (MAIN) in a plain node process, as `node dist/apps/<app>/src/main.js`
 * would run its build: @passerelle/* aliases resolve to libs/<name>/src, and each .ts file is
 * transpiled on load (typescript's transpileModule; ts-node is not installed), with a cache in
 * CACHE_DIR so that only the first spawn pays for it. Test-only.
 */
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require(process.env.TS_PATH);
const root = process.env.ROOT;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = /^@passerelle\/([^/]+)(\/.*)?$/.exec(request);
  return resolve.call(this, alias ? path.join(root, 'libs', alias[1], 'src', alias[2] || '') : request, ...rest);
};
const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
};
const crypto = require('node:crypto');
const cache = process.env.CACHE_DIR;
require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const cached = cache && path.join(cache, crypto.createHash('sha1').update(filename).update(source).digest('hex') + '.js');
  let output = cached && fs.existsSync(cached) ? fs.readFileSync(cached, 'utf8') : undefined;
  if (output === undefined) {
    output = ts.transpileModule(source, { compilerOptions: options, fileName: filename }).outputText;
    if (cached) fs.writeFileSync(cached, output);
  }
  module._compile(output, filename);
};
require(process.env.MAIN);
