import { planNetwork } from '../seed/seed-plan';
import { SEED_DEFAULTS, startSeededNetwork, type SeededTestNetwork } from '../seed/testing/seeded-network';
import { eventCount } from './support/fixtures';

describe('seeded network', () => {
  let fx: SeededTestNetwork;
  beforeAll(async () => {
    fx = await startSeededNetwork();
  });
  afterAll(() => fx?.close());

  it('plans the same network from the same seed, and another from another seed', () => {
    const again = planNetwork(SEED_DEFAULTS).plan;
    expect(JSON.stringify(again)).toBe(JSON.stringify(planNetwork(SEED_DEFAULTS).plan));
    expect(JSON.stringify(planNetwork({ ...SEED_DEFAULTS, seed: 8 }).plan)).not.toBe(JSON.stringify(again));
  });

  it('registers organisations of all four kinds and writes every planned identification', async () => {
    const directory = await fx.network.http().get('/v1/organisations').set('Authorization', `Bearer ${fx.seeded.coordinatorKey}`);
    expect(new Set(directory.body.items.map((o: { kind: string }) => o.kind))).toEqual(new Set(['ngo', 'health', 'refuge', 'authority']));
    expect(fx.seeded.truth.identifications).toBe(SEED_DEFAULTS.cases);
    expect(fx.seeded.truth.identifiedByBoth).toBeGreaterThan(0);
    expect(await eventCount(fx.network)).toBeGreaterThan(SEED_DEFAULTS.cases);
  });
});
