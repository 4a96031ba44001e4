import { planNetwork } from '../seed/seed-plan';
import { readRawNetwork, type RawNetwork } from '../seed/testing/raw-network';
import {
  referenceCapacity,
  referenceFunnel,
  referenceGaps,
  referencePlaceRequests,
  type Filter,
} from '../seed/testing/reference-coordination';
import { SEED_DEFAULTS, startSeededNetwork, type SeededTestNetwork } from '../seed/testing/seeded-network';

/** Pinned with the clock override (on in this test network) so that "overdue" and "consent active" are exact. */
const NOW = new Date('2026-11-15T00:00:00.000Z');
const SEED = { ...SEED_DEFAULTS, cases: 200 };

describe('coordination views over a seeded network', () => {
  let fx: SeededTestNetwork;
  let raw: RawNetwork;
  const get = (path: string, key = fx.seeded.coordinatorKey) =>
    fx.network.http().get(path).set('Authorization', `Bearer ${key}`).set('X-Passerelle-Clock', NOW.toISOString());
  const query = (filter: Filter) => new URLSearchParams(filter as Record<string, string>).toString();
  const byJson = <T>(items: T[]) => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

  beforeAll(async () => {
    fx = await startSeededNetwork(SEED);
    raw = await readRawNetwork(fx.network.database.url);
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => fx?.close());

  describe('the seed', () => {
    it('plans the same network from the same seed, and another from another seed', () => {
      const plan = JSON.stringify(planNetwork(SEED).plan);
      expect(JSON.stringify(planNetwork(SEED).plan)).toBe(plan);
      expect(JSON.stringify(planNetwork({ ...SEED, seed: SEED.seed + 1 }).plan)).not.toBe(plan);
    });

    it('writes organisations of all four kinds, every planned identification, and realistic referral outcomes', () => {
      expect(new Set(raw.organisations.map((o) => o.kind))).toEqual(new Set(['ngo', 'health', 'refuge', 'authority']));
      expect(raw.cases).toHaveLength(SEED.cases);
      const statuses = new Set(raw.referrals.map((r) => r.status));
      expect(statuses).toEqual(new Set(['referred', 'accepted', 'declined', 'withdrawn', 'closed']));
      expect(raw.referrals.filter((r) => r.status === 'declined').length).toBeLessThan(
        raw.referrals.filter((r) => r.acceptedAt !== null).length,
      );
    });

    it('gives the same linkage key to a woman identified twice with her name written differently, and to no one else', () => {
      const byKey = new Map<string, number>();
      for (const c of raw.cases) if (c.linkageKey) byKey.set(c.linkageKey, (byKey.get(c.linkageKey) ?? 0) + 1);
      // An erased identification keeps no key (docs/adr/0011-linkage-keys-outside-the-events.md): its pair is one short.
      const erased = raw.cases.filter((c) => c.erased);
      expect(erased.every((c) => c.linkageKey === null)).toBe(true);
      const pairs = [...byKey.values()].filter((n) => n === 2).length;
      expect(pairs).toBeLessThanOrEqual(fx.seeded.truth.identifiedByBoth);
      expect(pairs).toBeGreaterThanOrEqual(fx.seeded.truth.identifiedByBoth - erased.length);
      expect([...byKey.values()].filter((n) => n > 2)).toEqual([]);
    });
  });

  describe('correctness by comparison with the raw events', () => {
    const filters: Filter[] = [
      {},
      { department: '93' },
      { from: '2026-03-01', to: '2026-06-30', indicator: 'trafficking_sexual' },
      { kind: 'ngo', service: 'specialised_shelter' },
    ];

    it.each(filters)('gives the funnel the raw events give, filtered by %j', async (filter) => {
      const response = await get(`/v1/coordination/funnel?${query(filter)}`);
      expect(response.status).toBe(200);
      const { asOf, ...funnel } = response.body;
      expect(asOf).toBe(NOW.toISOString());
      expect(funnel).toEqual(referenceFunnel(raw, filter, NOW));
    });

    it.each(filters.map(({ service: _s, kind: _k, ...rest }) => rest))(
      'gives the identification gaps the raw events give, filtered by %j',
      async (filter) => {
        const response = await get(`/v1/coordination/gaps?${query(filter)}&afterDays=21`);
        expect(response.status).toBe(200);
        const expected = referenceGaps(raw, filter, NOW, 21);
        expect(byJson(response.body.rows)).toEqual(byJson(expected.rows));
        expect(response.body.totals).toEqual(expected.totals);
        expect(byJson(response.body.unreferredTrafficking.byOrganisation)).toEqual(byJson(expected.unreferredTrafficking.byOrganisation));
        expect(response.body.unreferredTrafficking.count).toBe(expected.unreferredTrafficking.count);
      },
    );

    it.each([{}, { kind: 'refuge' }, { department: '75', indicator: 'trafficking_sexual' }, { service: 'shelter' }])(
      'gives the capacity the raw events give, filtered by %j',
      async (filter) => {
        const response = await get(`/v1/coordination/capacity?${query(filter)}`);
        expect(response.status).toBe(200);
        const rows = response.body.rows.map((row: { declared: { total: number; available: number } | null }) => ({
          ...row,
          declared: row.declared && { total: row.declared.total, available: row.declared.available },
        }));
        expect(rows).toEqual(referenceCapacity(raw, filter as Filter, NOW));
      },
    );

    it.each([
      {},
      { department: '93' },
      { service: 'specialised_shelter' },
      { from: '2026-03-01', to: '2026-06-30' },
      { from: '2026-02-10', to: '2026-07-20', service: 'shelter' },
    ])('gives the place-request figures the raw events give (time to place, declines, rounds), filtered by %j', async (filter) => {
      const response = await get(`/v1/coordination/place-requests?${query(filter)}`);
      expect(response.status).toBe(200);
      const { asOf, ...figures } = response.body;
      expect(asOf).toBe(NOW.toISOString());
      expect(figures).toEqual(referencePlaceRequests(raw, filter));
    });

    it('shows realistic place requests: most placed within hours, some expired, some women needing a second round', async () => {
      const { body } = (await get('/v1/coordination/place-requests')) as {
        body: {
          totals: {
            requests: number;
            placed: number;
            expired: number;
            cancelled: number;
            open: number;
            timeToPlaceHours: { median: number };
            rounds: { second: number };
            declines: Record<string, number>;
          };
        };
      };
      expect(body.totals.requests).toBe(fx.seeded.truth.placeRequests);
      expect(body.totals.placed).toBeGreaterThan(body.totals.expired);
      expect(body.totals.expired + body.totals.cancelled).toBeGreaterThan(0);
      expect(body.totals.open).toBe(0);
      expect(body.totals.timeToPlaceHours.median).toBeGreaterThan(0);
      expect(body.totals.timeToPlaceHours.median).toBeLessThan(5);
      expect(body.totals.rounds.second).toBeGreaterThan(0);
      expect(body.totals.declines.no_capacity).toBeGreaterThan(0);
    });

    it('links women across the NGO and the authority for a realistic share of them', async () => {
      const { body } = await get('/v1/coordination/gaps');
      expect(body.totals.both).toBeGreaterThan(0);
      expect(body.totals.ngoOnly).toBeGreaterThan(body.totals.both);
      expect(body.totals.notLinkable).toBeGreaterThan(0);
    });
  });

  describe('what a coordinator sees', () => {
    it('is counts and organisation-level figures: no case or referral id, no linkage key, no personal field', async () => {
      const bodies = JSON.stringify(
        await Promise.all(
          ['funnel', 'gaps', 'capacity', 'place-requests'].map(async (view) => (await get(`/v1/coordination/${view}`)).body),
        ),
      );
      const secrets = [
        ...raw.cases.flatMap((c) => [c.caseId, c.linkageKey ?? 'none']),
        ...raw.referrals.map((r) => r.referralId),
        ...raw.placeRequests.map((p) => p.placeRequestId),
      ];
      expect(secrets.filter((secret) => bodies.includes(secret))).toEqual([]);
      expect(bodies).not.toMatch(/givenName|familyName|birthDate|phone|Diallo|Awa/);
    });

    it('is refused to a researcher, a partner, and anyone without a key', async () => {
      const partner = fx.seeded.partnerKeys.get('ngo-93-a')!;
      for (const view of ['funnel', 'gaps', 'capacity', 'place-requests']) {
        expect((await get(`/v1/coordination/${view}`, fx.seeded.researcherKey)).status).toBe(403);
        expect((await get(`/v1/coordination/${view}`, partner)).status).toBe(403);
        expect((await fx.network.http().get(`/v1/coordination/${view}`)).status).toBe(401);
      }
    });

    it.each([
      ['an unknown filter', '/v1/coordination/funnel?region=84', 400],
      ['a period on capacity, which is a picture of now', '/v1/coordination/capacity?from=2026-01-01', 400],
      ['a service on gaps', '/v1/coordination/gaps?service=legal', 400],
      ['an unknown département', '/v1/coordination/funnel?department=XX', 400],
      ['a day that does not exist', '/v1/coordination/funnel?from=2026-02-30', 422],
      ['a period that ends before it starts', '/v1/coordination/gaps?from=2026-06-01&to=2026-05-01', 422],
      ['a year zero, which the calendar has not', '/v1/coordination/funnel?from=0000-01-01', 422],
      ['a year zero on place requests', '/v1/coordination/place-requests?to=0000-12-31', 422],
      ['a gap threshold of zero days', '/v1/coordination/gaps?afterDays=0', 400],
    ])('answers %s with a problem', async (_what, path, status) => {
      const response = await get(path);
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it.each(['funnel', 'gaps', 'place-requests'])(
      'reads a period ending on the last day of the calendar, 9999-12-31, as one without an end (%s)',
      async (view) => {
        const open = await get(`/v1/coordination/${view}?from=2026-03-01`);
        const last = await get(`/v1/coordination/${view}?from=2026-03-01&to=9999-12-31`);
        expect(last.status).toBe(200);
        expect({ ...last.body, asOf: null }).toEqual({ ...open.body, asOf: null });
      },
    );
  });
});
