import { migrateSchema } from '@passerelle/composition';
import { LONG_STATEMENT_TIMEOUT_MS } from '@passerelle/database';
import { createPostgresEventStore } from '@passerelle/event-store/postgres';
import {
  createReadModelDataSource,
  READ_MODEL_ENTITIES,
  REBUILD_TARGETS,
  rebuildProjections,
  rebuildTargets,
} from '@passerelle/projections';
import { Presets, SingleBar } from 'cli-progress';
import type { CliCommand, CliContext } from '../cli-command';

/**
 * `npm run cli -- projections rebuild <inbox|directory|coordination|research|all>`: replays the
 * event store from position 0 into shadow tables, then swaps them in, one read model at a time,
 * in one transaction each. Readers and the running projector (with DATABASE_URL, `npm start` may
 * keep running) see the old model until the swap and the rebuilt one after it.
 */
export const projectionsRebuild: CliCommand = {
  words: ['projections', 'rebuild'],
  usage: `projections rebuild <${[...Object.keys(REBUILD_TARGETS), 'all'].join('|')}>`,
  summary: 'Rebuild read models from position 0 and swap them in without downtime',
  async run(args: string[], context: CliContext): Promise<void> {
    const [target] = args;
    if (args.length !== 1 || target === undefined) throw new Error(`usage: npm run cli -- ${this.usage}`);
    const targets = rebuildTargets(target);
    await migrateSchema(context.databaseUrl, 'cli');
    const dataSource = await createReadModelDataSource(context.databaseUrl, READ_MODEL_ENTITIES, {
      service: 'cli',
      purpose: 'rebuild',
      statementTimeoutMs: LONG_STATEMENT_TIMEOUT_MS,
    }).initialize();
    const store = await createPostgresEventStore({ connectionString: context.databaseUrl, poolSize: 2, service: 'cli' });
    const bar = new SingleBar(
      {
        format: 'rebuilding {names} [{bar}] {percentage}% | {value}/{total} events | {speed} events/s | ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    const names = targets.map((t) => t.projection.name).join(', ');
    const started = Date.now();
    try {
      bar.start(Number(await store.headPosition()) + 1, 0, { names, speed: 0 });
      const result = await rebuildProjections({
        dataSource,
        store,
        targets,
        onProgress: ({ processed, total }) => {
          bar.setTotal(total);
          bar.update(processed, { names, speed: Math.round(processed / Math.max((Date.now() - started) / 1000, 0.001)) });
        },
      });
      bar.stop();
      context.out(
        `Rebuilt ${result.projections.join(', ')} from ${result.events} events in ${result.seconds.toFixed(1)} s ` +
          `(${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s); checkpoint at position ${result.position}.`,
      );
    } finally {
      bar.stop();
      await store.close();
      await dataSource.destroy();
    }
  },
};
