import 'reflect-metadata';
import { Logger, type LoggerService } from '@nestjs/common';
import { cpus } from 'node:os';
import { BENCHMARKS } from './benchmarks';

/** stdout carries the JSON document alone: every log line of the bench process goes to stderr. */
const toStderr = (...parts: unknown[]) => process.stderr.write(`${parts.map(String).join(' ')}\n`);
const stderrLogger: LoggerService = { log: toStderr, warn: toStderr, error: toStderr, debug: toStderr, verbose: toStderr, fatal: toStderr };
Logger.overrideLogger(stderrLogger);
console.log = toStderr;

/**
 * `npm run bench -- <name> [--seconds N] [--clients 1,8,32]`; prints one JSON document on stdout.
 * Figures are only meaningful side by side with the baseline measured in the same run.
 */
async function main(argv: string[]): Promise<void> {
  const [name = 'commands', ...rest] = argv;
  const option = (flag: string) => {
    const index = rest.indexOf(flag);
    return index >= 0 ? rest[index + 1] : undefined;
  };
  const seconds = Number(option('--seconds') ?? 10);
  const levels = (option('--clients') ?? '1,8,32').split(',').map(Number);
  const benchmark = BENCHMARKS[name];
  if (!benchmark) throw new Error(`unknown benchmark "${name}"; available: ${Object.keys(BENCHMARKS).join(', ')}`);
  const result = await benchmark({ seconds, levels, option });
  process.stdout.write(`${JSON.stringify({ ...result, node: process.version, cpus: cpus().length }, null, 2)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
