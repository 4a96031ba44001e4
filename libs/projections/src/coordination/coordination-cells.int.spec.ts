import { insertLinkageKeys, PRIVACY_MIGRATIONS } from '@passerelle/privacy';
import { randomUUID } from 'node:crypto';
import { BATCH_SETTINGS } from '../runner/commit-batch';
import { ProjectionRunner } from '../runner/projection-runner';
import {
  ASSO,
  CLINIC,
  REFUGE,
  consentGranted,
  consentWithdrawn,
  legacyPersonIdentified,
  personErased,
  personIdentified,
  referralAccepted,
  referralClosed,
  referralDeclined,
  referralMade,
  referralWithdrawn,
  recorded,
  toNew,
} from '../testing/inbox-events.fixtures';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { RECOMPUTE_ALL_CELLS } from './coordination-cells';
import { CoordinationFunnelQuery } from './coordination-funnel.query';
import { CoordinationGapsQuery } from './coordination-gaps.query';
import { PLACE_REQUEST_CELL_TABLES, RECOMPUTE_PLACE_REQUEST_CELLS } from './coordination-place-requests';
import { CoordinationPlaceRequestsQuery } from './coordination-place-requests.query';
import { COORDINATION_ENTITIES, COORDINATION_MIGRATIONS, coordinationProjection } from './coordination.projection';

type DomainEvent = { type: string; data: unknown };
const AUTHORITY = 'authority-93';
const DAY = 86_400_000;
const CELL_TABLES = [
  'coordination_case_cells',
  'coordination_referral_cells',
  'coordination_delay_cells',
  'coordination_person_cells',
  ...PLACE_REQUEST_CELL_TABLES,
];
// A period that starts inside a month: the views then read the rows, not the cells.
const FROM_THE_ROWS = { from: '2000-01-02' };

/** A small deterministic generator, so that a failure replays the same history. */
function seeded(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return { next, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!, chance: (p: number) => next() < p };
}

describe('coordination summary cells', () => {
  let fx: ReadModelFixture;
  let runner: ProjectionRunner;
  const sql = (text: string, parameters: unknown[]) => fx.dataSource.query<unknown[]>(text, parameters);
  const append = (stream: string, at: number, ...events: DomainEvent[]) =>
    fx.store.appendToStream(
      stream,
      events.map((event) => toNew(event, new Date(at).toISOString())),
      { expectedRevision: 'any' },
    );

  /** Women identified on both sides or one, consents that expire or are withdrawn, erasures, referrals in every state, over months. */
  async function history(seed: number) {
    const random = seeded(seed);
    const organisations: [string, string, string, string[]][] = [
      [ASSO, 'ngo', '93', ['legal']],
      [CLINIC, 'health', '13', ['medical']],
      [AUTHORITY, 'authority', '93', ['asylum_procedure']],
      [REFUGE, 'refuge', '75', ['shelter', 'specialised_shelter']],
    ];
    for (const [id, kind, department, services] of organisations) {
      await append(`organisation-${id}`, Date.parse('2026-01-01T00:00:00Z'), {
        type: 'OrganisationRegistered',
        data: { organisationId: id, name: id, kind, department, services },
      });
    }
    const start = Date.parse('2026-01-03T00:00:00Z');
    let last = { position: 0n };
    for (let woman = 0; woman < 60; woman++) {
      const [holder, kind, department] = random.pick(organisations.filter(([, k]) => k !== 'refuge'));
      const caseId = randomUUID();
      const at = start + Math.floor(random.next() * 150 * DAY);
      const linkageKey = random.chance(0.9) ? `woman-${Math.floor(random.next() * 45)}` : null;
      const indicators = random.chance(0.5)
        ? ['trafficking_sexual']
        : random.chance(0.5)
          ? ['gbv_sexual', 'trafficking_labour']
          : ['isolated'];
      const consentId = randomUUID();
      const expiresAt = random.chance(0.3) ? new Date(at + Math.floor(random.next() * 120 * DAY)).toISOString() : null;
      const purposes = random.chance(0.75) ? ['referral', 'coordination'] : ['referral'];
      const identification = { identifiedBy: holder, identifierKind: kind as never, department, indicators: indicators as never };
      // Her key recorded beside the events as IdentifyPerson does, or (one in three) inside an old event.
      const legacy = linkageKey !== null && woman % 3 === 0;
      if (linkageKey !== null && !legacy) await insertLinkageKeys(sql, [{ caseId, linkageKey }]);
      last = await append(
        `case-${caseId}`,
        at,
        legacy ? legacyPersonIdentified(caseId, linkageKey, identification) : personIdentified(caseId, identification),
        consentGranted(caseId, consentId, { purposes: purposes as never, expiresAt, recipients: ['any_referral_recipient'] }),
      );
      let made = at + Math.floor(random.next() * 5 * DAY);
      for (let n = Math.floor(random.next() * 3); n > 0; n--) {
        const referralId = randomUUID();
        const [to, , , services] = random.pick(organisations.filter(([id]) => id !== holder));
        last = await append(
          `referral-${referralId}`,
          made,
          referralMade(referralId, caseId, {
            from: holder,
            to,
            service: random.pick(services) as never,
            respondBy: new Date(made + 3 * DAY).toISOString(),
          }),
        );
        const answered = made + Math.floor(random.next() * 4 * DAY) + 60_000;
        const fate = random.pick(['accept', 'accept', 'decline', 'withdraw', 'wait']);
        if (fate === 'decline')
          last = await append(
            `referral-${referralId}`,
            answered,
            referralDeclined(referralId, random.pick(['no_capacity', 'not_eligible'] as const)),
          );
        if (fate === 'withdraw') last = await append(`referral-${referralId}`, answered, referralWithdrawn(referralId));
        if (fate === 'accept') {
          last = await append(`referral-${referralId}`, answered, referralAccepted(referralId, to));
          if (random.chance(0.7))
            last = await append(
              `referral-${referralId}`,
              answered + Math.floor(random.next() * 30 * DAY),
              referralClosed(referralId, random.pick(['service_provided', 'other'])),
            );
        }
        made += Math.floor(random.next() * 10 * DAY) + 60_000;
      }
      for (let round = random.chance(0.5) ? 1 + Math.floor(random.next() * 2) : 0; round > 0; round--) {
        last = await placeRequest(random, caseId, holder, made);
        made += 2 * DAY;
      }
      if (random.chance(0.1)) last = await append(`case-${caseId}`, at + 40 * DAY, consentWithdrawn(caseId, consentId));
      if (random.chance(0.05)) {
        await sql('UPDATE privacy_linkage_keys SET linkage_key = NULL, erased_at = now() WHERE case_id = $1', [caseId]);
        last = await append(`case-${caseId}`, at + 50 * DAY, personErased(caseId));
      }
    }
    return last.position;
  }

  /** A place request to two or three organisations: some decline, then the first acceptance places her, or it expires, is cancelled, or waits. */
  async function placeRequest(random: ReturnType<typeof seeded>, caseId: string, from: string, at: number) {
    const placeRequestId = randomUUID();
    const stream = `place-request-${placeRequestId}`;
    const asked = [REFUGE, CLINIC, AUTHORITY, ASSO].filter((id) => id !== from).slice(0, 2 + Math.floor(random.next() * 2));
    const recipients = asked.map((organisationId) => ({ organisationId, referralId: randomUUID() }));
    const service = random.pick(['specialised_shelter', 'shelter'] as const);
    const data = {
      placeRequestId,
      caseId,
      from,
      recipients,
      service,
      urgency: 'urgent',
      sharedCategories: ['identity'],
      message: null,
      respondBy: null,
    };
    let last = await append(stream, at, { type: 'PlaceRequestMade', data });
    for (const { organisationId, referralId } of recipients) {
      last = await append(
        `referral-${referralId}`,
        at,
        referralMade(referralId, caseId, {
          from,
          to: organisationId,
          service,
          placeRequest: { placeRequestId, recipients: recipients.length },
        }),
      );
    }
    let answered = at;
    for (const { referralId } of recipients.slice(0, Math.floor(random.next() * recipients.length))) {
      answered += Math.floor(random.next() * 6 * 3_600_000) + 60_000;
      last = await append(
        `referral-${referralId}`,
        answered,
        referralDeclined(referralId, random.pick(['no_capacity', 'not_eligible', 'safety'] as const)),
      );
    }
    const end = answered + Math.floor(random.next() * 30 * 3_600_000) + 60_000;
    const fate = random.pick(['placed', 'placed', 'expired', 'cancelled', 'open']);
    const winner = recipients[recipients.length - 1]!;
    if (fate === 'placed') {
      last = await append(stream, end, {
        type: 'PlaceRequestPlaced',
        data: { placeRequestId, referralId: winner.referralId, by: winner.organisationId, note: null },
      });
      last = await append(`referral-${winner.referralId}`, end, referralAccepted(winner.referralId, winner.organisationId));
    }
    if (fate === 'expired')
      last = await append(stream, end, { type: 'PlaceRequestExpired', data: { placeRequestId, respondBy: new Date(end).toISOString() } });
    if (fate === 'cancelled') last = await append(stream, end, { type: 'PlaceRequestCancelled', data: { placeRequestId, by: from } });
    return last;
  }

  const sortedRows = <T extends { rows: unknown[] }>(view: T) => ({
    ...view,
    rows: [...view.rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)),
  });
  /** Every cell, in a stable order. */
  const cells = async () =>
    Promise.all(
      CELL_TABLES.map(async (table) =>
        (await fx.dataSource.query<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`)).map(
          ({ row }) => row,
        ),
      ),
    );

  beforeAll(async () => {
    fx = await openReadModelFixture('projections_coordination_cells', COORDINATION_ENTITIES, [PRIVACY_MIGRATIONS, COORDINATION_MIGRATIONS]);
    runner = new ProjectionRunner({
      projection: coordinationProjection,
      store: fx.store,
      dataSource: fx.dataSource,
      logger: { log: () => undefined, error: () => undefined },
    });
    await runner.start();
    // CELLS_SEED=n tries another history; 7 is the one CI runs.
    expect(await runner.waitForPosition(await history(Number(process.env.CELLS_SEED ?? 7)), 30_000)).toBe(true);
  });
  afterAll(async () => {
    // Both are still unset when beforeAll failed, whatever their declared types say; the cleanup must not hide that failure.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
    await runner?.stop();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
    await fx?.close();
  });

  it.each(['2026-03-15T00:00:00.000Z', '2026-06-01T12:00:00.000Z', '2027-01-01T00:00:00.000Z'])(
    'give the funnel and the gaps the rows give, as of %s',
    async (at) => {
      const now = new Date(at);
      const funnel = new CoordinationFunnelQuery(fx.dataSource);
      const gaps = new CoordinationGapsQuery(fx.dataSource);
      expect(await funnel.funnel({}, now)).toEqual(await funnel.funnel(FROM_THE_ROWS, now));
      for (const filter of [{}, { department: '93' }, { indicator: 'trafficking_sexual' as const }]) {
        for (const afterDays of [1, 30]) {
          expect(sortedRows(await gaps.gaps(filter, now, afterDays))).toEqual(
            sortedRows(await gaps.gaps({ ...filter, ...FROM_THE_ROWS }, now, afterDays)),
          );
        }
      }
    },
  );

  it.each([{}, { department: '93' }, { service: 'shelter' as const }, { department: '13', service: 'specialised_shelter' as const }])(
    'give the place requests the rows give, filtered by %j',
    async (filter) => {
      const query = new CoordinationPlaceRequestsQuery(fx.dataSource);
      const fromCells = await query.placeRequests(filter);
      expect(fromCells.totals.requests).toBeGreaterThan(0);
      expect(fromCells.totals.timeToPlaceHours.median).not.toBeNull();
      expect(fromCells.totals.rounds.second).toBeGreaterThan(0);
      expect(fromCells).toEqual(await query.placeRequests({ ...filter, ...FROM_THE_ROWS }));
    },
  );

  it('are kept by a batch that finds its rows through their keys, never by scanning a table (its plans made when the tables were small)', async () => {
    const [known] = await fx.dataSource.query<{ referral_id: string; case_id: string }[]>(
      "SELECT referral_id, case_id FROM coordination_referrals WHERE status = 'referred' LIMIT 1",
    );
    const [caseId, referralId] = [randomUUID(), randomUUID()];
    const batch = [
      recorded(personIdentified(caseId), 1_000_000n),
      recorded(referralMade(referralId, caseId), 1_000_001n),
      recorded(referralAccepted(known!.referral_id), 1_000_002n),
      recorded(referralClosed(known!.referral_id), 1_000_003n),
    ];
    const runner = fx.dataSource.createQueryRunner();
    // The connection's earlier counts are flushed, so that the transaction's own are all its view shows.
    await runner.query('SELECT pg_stat_force_next_flush()');
    await runner.startTransaction();
    try {
      // As the runner applies a batch (commit-batch.ts).
      await runner.query(BATCH_SETTINGS);
      await coordinationProjection.applyBatch(runner.manager, batch);
      const scanned: { relname: string; seq_scan: string }[] = await runner.query(
        "SELECT relname, seq_scan, idx_scan FROM pg_stat_xact_user_tables WHERE relname LIKE 'coordination%' AND seq_scan > 0 ORDER BY 1",
      );
      const [row]: { status: string }[] = await runner.query('SELECT status FROM coordination_referrals WHERE referral_id = $1', [
        known!.referral_id,
      ]);
      expect(row?.status).toBe('closed');
      expect(scanned).toEqual([]);
    } finally {
      // Rolled back: the cells stay those of the history, for the check below.
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('kept batch by batch, are the cells computed from scratch (a cell emptied by later events goes)', async () => {
    const kept = await cells();
    expect(kept.every((table) => table.length > 0)).toBe(true);
    await fx.dataSource.transaction(async (manager) => {
      for (const statement of [...RECOMPUTE_ALL_CELLS, ...RECOMPUTE_PLACE_REQUEST_CELLS]) await manager.query(statement);
    });
    expect(await cells()).toEqual(kept);
  });
});
