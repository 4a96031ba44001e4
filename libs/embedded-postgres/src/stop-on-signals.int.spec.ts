import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './embedded-port';
import { isAlive } from './process-info';

/**
 * A real node process starts the embedded server with stopOnSignals, as a script would, and is
 * sent a signal. Our TypeScript runs in that child through typescript's transpileModule, since
 * ts-node is not installed.
 */
const CHILD = `
const fs = require('node:fs');
const ts = require(process.env.TS_PATH);
require.extensions['.ts'] = (module, filename) => module._compile(ts.transpileModule(fs.readFileSync(filename, 'utf8'),
  { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, filename);
const { startEmbeddedPostgres } = require(process.env.HERE + '/embedded-postgres.ts');
const { stopOnSignals } = require(process.env.HERE + '/stop-on-signals.ts');
startEmbeddedPostgres({ dataDir: process.env.DATA_DIR, port: Number(process.env.PORT), detached: false }).then((server) => {
  stopOnSignals(server);
  console.log('ready');
  setInterval(() => {}, 60000);
}, (error) => { console.error(error.message); process.exit(1); });
`;

describe('stopOnSignals', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'passerelle-signals-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)('stops the server cleanly when node gets %s, then lets node die of it', async (signal) => {
    const script = join(dir, 'child.cjs');
    await writeFile(script, CHILD);
    const dataDir = dir; // mkdtemp makes it mode 700; as the data directory it is opened to `postgres`
    const env = {
      ...process.env,
      TS_PATH: require.resolve('typescript'),
      HERE: __dirname,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
    };
    const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      void exited.then(() => reject(new Error(`the child exited before the server was ready: ${stderr}`)));
    });
    const lockFile = join(dataDir, 'pg', 'postmaster.pid');
    const postmaster = Number((await readFile(lockFile, 'utf8')).split('\n')[0]);

    child.kill(signal);
    const [code, killedBy] = await exited;

    expect({ code, killedBy }).toEqual({ code: null, killedBy: signal });
    expect(isAlive(postmaster)).toBe(false);
    // PostgreSQL removes its lock file only on a clean shutdown.
    await expect(access(lockFile)).rejects.toThrow();
  });
});
