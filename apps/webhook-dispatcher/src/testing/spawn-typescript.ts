import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');

/**
 * Test-only: runs a TypeScript entry in a real child process (so a test can SIGKILL it), compiling
 * each file with TypeScript's transpileModule on load and mapping the @passerelle/* aliases of
 * tsconfig.json, as ts-jest does in the test process.
 */
export function spawnTypeScript(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const loader = `
    const ts = require('typescript'); const Module = require('module'); const path = require('path'); const fs = require('fs');
    const root = ${JSON.stringify(ROOT)};
    const paths = require(path.join(root, 'tsconfig.json')).compilerOptions.paths;
    const resolveFilename = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      for (const [alias, [target]] of Object.entries(paths)) {
        if (alias.endsWith('/*') ? request.startsWith(alias.slice(0, -1)) : request === alias) {
          request = path.join(root, alias.endsWith('/*') ? target.slice(0, -1) + request.slice(alias.length - 1) : target);
          break;
        }
      }
      return resolveFilename.call(this, request, ...rest);
    };
    const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true };
    require.extensions['.ts'] = (module, filename) => {
      const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
      module._compile(outputText, filename);
    };
    require('reflect-metadata');
    require(${JSON.stringify(entry)});
  `;
  return spawn(process.execPath, ['-e', loader], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'inherit'] });
}

/** Resolves once the child prints `line` on stdout; rejects if it exits first. */
export function waitForLine(child: ChildProcess, line: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`child did not print "${line}" within ${timeoutMs} ms`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes(line)) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`child exited with ${code} before printing "${line}"`));
    });
  });
}
