import 'reflect-metadata';
import { ensureEmbeddedSecrets, loadConfig } from '@passerelle/config';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@passerelle/embedded-postgres';
import type { CliCommand, CliContext } from './cli-command';
import { COMMANDS } from './commands';

/**
 * `npm run cli -- <command>`: operations on the same data `npm start` uses (the embedded
 * PostgreSQL under ./.passerelle when DATABASE_URL is unset). Stop `npm start` first when using
 * the embedded default: one embedded server per data directory.
 */
async function main(argv: string[]): Promise<void> {
  const command = COMMANDS.find((c) => c.words.every((word, i) => argv[i] === word));
  if (!command) {
    console.log(`Usage: npm run cli -- <command>\n\n${COMMANDS.map(describe).join('\n') || '  (no commands)'}`);
    process.exitCode = argv.length === 0 || argv[0] === 'help' ? 0 : 2;
    return;
  }
  const config = loadConfig(process.env);
  let embedded: EmbeddedPostgres | null = null;
  try {
    let context: CliContext;
    if (config.mode === 'embedded') {
      const secrets = ensureEmbeddedSecrets(config.dataDir, process.env);
      embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPostgresPort, log: (l) => console.error(l) });
      context = {
        config,
        databaseUrl: embedded.url,
        masterKey: secrets.masterKey,
        linkageKey: secrets.linkageKey,
        out: (l) => console.log(l),
      };
    } else {
      context = {
        config,
        databaseUrl: config.databaseUrl,
        masterKey: config.masterKey,
        linkageKey: config.linkageKey,
        out: (l) => console.log(l),
      };
    }
    await command.run(argv.slice(command.words.length), context);
  } finally {
    await embedded?.stop();
  }
}

const describe = (c: CliCommand) => `  ${c.usage.padEnd(48)} ${c.summary}`;

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`passerelle cli: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
