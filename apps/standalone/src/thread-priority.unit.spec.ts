import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ModuleKind, transpileModule } from 'typescript';

/** The nice value of a task: field 19 of its stat line (the command name before it may hold spaces). */
const niceOf = (statPath: string): number => Number(readFileSync(statPath, 'utf8').split(') ')[1]?.split(' ')[16]);

const onLinux = process.platform === 'linux';
if (!onLinux) console.log('[thread-priority] skipped: thread priorities are read from /proc, which only Linux has');

(onLinux ? describe : describe.skip)('lowerThisThreadsPriority', () => {
  it("lowers the calling worker thread's priority and leaves the process's other threads as they were", async () => {
    const mainBefore = niceOf('/proc/thread-self/stat');
    // The module as the background thread loads it (compiled), run in a worker thread of its own.
    const compiled = transpileModule(readFileSync(join(__dirname, 'thread-priority.ts'), 'utf8'), {
      compilerOptions: { module: ModuleKind.CommonJS },
    }).outputText;
    const source = `
      const { parentPort } = require('node:worker_threads');
      const { readFileSync } = require('node:fs');
      const module = { exports: {} };
      new Function('require', 'module', 'exports', ${JSON.stringify(compiled)})(require, module, module.exports);
      const lowered = module.exports.lowerThisThreadsPriority(${String(mainBefore + 5)});
      const nice = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ')[16]);
      parentPort.postMessage({ lowered, nice });
    `;
    const worker = new Worker(source, { eval: true });
    const answer = await new Promise<{ lowered: boolean; nice: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(answer).toEqual({ lowered: true, nice: mainBefore + 5 });
    expect(niceOf('/proc/thread-self/stat')).toBe(mainBefore);
  });
});
