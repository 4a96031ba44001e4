import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { REBUILD_TARGETS, rebuildProjections, rebuildTargets } from '@passerelle/projections';
import { projectionsRebuild } from '../../apps/cli/src/commands/projections-rebuild.command';
import { SEED_DEFAULTS, startSeededNetwork, type SeededTestNetwork } from '../seed/testing/seeded-network';
import { identifyBody } from './support/fixtures';

describe('rebuilding read models from position 0', () => {
  let fx: SeededTestNetwork;
  const tables = Object.values(REBUILD_TARGETS).flatMap((target) => target.tables);
  /** Every row of every read model, as text, plus the checkpoints: two snapshots compare exactly. */
  const snapshot = async () => ({
    rows: Object.fromEntries(
      await Promise.all(
        tables.map(async (table) => [
          table,
          (await fx.readModel.query(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`)).map((r: { row: string }) => r.row),
        ]),
      ),
    ),
    checkpoints: await fx.readModel.query(`SELECT name, position FROM projection_checkpoints WHERE name = ANY($1) ORDER BY name`, [
      Object.keys(REBUILD_TARGETS),
    ]),
  });
  /** Readers on every rebuilt model, all through the rebuild: any answer but 200 is downtime. */
  const readWhile = (until: Promise<unknown>) => {
    const statuses: number[] = [];
    let running = true;
    void until.finally(() => (running = false));
    const ngo = fx.seeded.partnerKeys.get('ngo-93-a')!;
    const reads = [
      () => fx.network.http().get('/v1/coordination/funnel').set('Authorization', `Bearer ${fx.seeded.coordinatorKey}`),
      () => fx.network.http().get('/v1/inbox?direction=sent').set('Authorization', `Bearer ${ngo}`),
      () => fx.network.http().get('/v1/organisations').set('Authorization', `Bearer ${ngo}`),
      () =>
        fx.network
          .http()
          .post('/v1/research/queries')
          .set('Authorization', `Bearer ${fx.seeded.researcherKey}`)
          .send({ groupBy: ['region'], filters: { from: '2026-01', to: '2026-12' } }),
    ];
    return Promise.all(
      reads.map(async (read) => {
        while (running) statuses.push((await read()).status);
      }),
    ).then(() => statuses);
  };

  beforeAll(async () => {
    fx = await startSeededNetwork({ ...SEED_DEFAULTS, cases: 120 });
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => fx?.close());

  it('rebuilds every model into what the live projections had built, while readers keep getting answers', async () => {
    const before = await snapshot();
    const store = fx.network.app.get<EventStore>(EVENT_STORE);
    const rebuilding = rebuildProjections({ dataSource: fx.readModel, store, targets: rebuildTargets('all'), batchSize: 100 });
    const [result, statuses] = await Promise.all([rebuilding, readWhile(rebuilding)]);

    expect(result.projections).toEqual(['inbox', 'directory', 'coordination', 'research', 'activity']);
    expect(result.position).toBe(await store.headPosition());
    expect(statuses.length).toBeGreaterThan(4);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(await fx.readModel.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rebuild_%'")).toEqual([]);
    // Packed again after the finish's updates, and analysed before the swap (libs/projections/src/rebuild/shadow-schema.ts).
    for (const table of tables) {
      const [state] = await fx.readModel.query<{ rows: boolean; options: string[] | null; analysed: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM ${table}) AS rows, (SELECT reloptions FROM pg_class WHERE oid = '${table}'::regclass) AS options,
           EXISTS (SELECT 1 FROM pg_statistic WHERE starelid = '${table}'::regclass) AS analysed`,
      );
      expect({ table, options: state?.options, analysed: state?.analysed }).toEqual({ table, options: null, analysed: state?.rows });
    }
  });

  it('keeps what is written during a rebuild (CLI), once, and the live projector carries on after the swap', async () => {
    const ngo = { key: fx.seeded.partnerKeys.get('ngo-93-a')! };
    const identify = () =>
      fx.network
        .http()
        .post('/v1/cases')
        .set('Authorization', `Bearer ${ngo.key}`)
        .send(identifyBody(['refuge-93']));
    const funnel = async (): Promise<number> =>
      (await fx.network.http().get('/v1/coordination/funnel').set('Authorization', `Bearer ${fx.seeded.coordinatorKey}`)).body.stages[0]
        .count;
    const identifiedBefore = await funnel();
    const out: string[] = [];
    const rebuilding = projectionsRebuild.run(['coordination'], {
      config: {} as never,
      databaseUrl: fx.network.database.url,
      masterKey: '',
      linkageKey: '',
      out: (line) => out.push(line),
    });
    const written: number[] = [];
    const writing = (async () => {
      for (let i = 0; i < 10; i++) written.push((await identify()).status);
    })();
    await Promise.all([rebuilding, writing]);
    const { body } = await identify();
    await fx.caughtUp(BigInt(body.position));

    expect(written.every((status) => status === 201)).toBe(true);
    expect(await funnel()).toBe(identifiedBefore + 11);
    expect(out.join('\n')).toMatch(/Rebuilt coordination from \d+ events .* events\/s\); checkpoint at position \d+/);

    const live = await snapshot();
    await rebuildProjections({
      dataSource: fx.readModel,
      store: fx.network.app.get<EventStore>(EVENT_STORE),
      targets: rebuildTargets('coordination'),
    });
    expect(await snapshot()).toEqual(live);
  });

  it('refuses a read model it does not know', () => {
    expect(() => rebuildTargets('everything')).toThrow(/inbox, directory, coordination, research, activity, all/);
  });
});
