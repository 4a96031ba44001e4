import { benchAccessLog } from './access-log.bench';
import { benchCommands } from './commands.bench';
import { benchRebuild } from './rebuild.bench';
import { startBenchServer } from './server';
import { benchWebhooks } from './webhooks.bench';

export interface BenchOptions {
  seconds: number;
  levels: number[];
  option(flag: string): string | undefined;
}

/** `npm run bench -- <name>`: each entry prints one JSON document, with its raw PostgreSQL baseline. */
export const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<object>> = {
  async commands(options) {
    const server = await startBenchServer({ profileDir: options.option('--profile') });
    try {
      return await benchCommands(server, options);
    } finally {
      await server.stop();
    }
  },
  async 'access-log'(options) {
    const server = await startBenchServer();
    try {
      return await benchAccessLog(server.databaseUrl, options);
    } finally {
      await server.stop();
    }
  },
  webhooks: (options) => benchWebhooks(options),
  rebuild: (options) => benchRebuild(options),
};
