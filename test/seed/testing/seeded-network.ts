import { READ_MODEL } from '@passerelle/database';
import { CLOCK_OVERRIDE_FLAG } from '@passerelle/http';
import { waitForCheckpoint } from '@passerelle/projections';
import { ALL_PROJECTIONS } from '@passerelle/subscribers';
import type { DataSource } from 'typeorm';
import { startTestNetwork, type TestNetwork } from '../../e2e/support/test-network';
import { httpTransport } from '../seed-client';
import { expireSeededPlaceRequests } from '../seed-expiry';
import { seedNetwork, type SeededNetwork } from '../seed-network';
import type { SeedOptions } from '../seed-plan';

export interface SeededTestNetwork {
  network: TestNetwork;
  seeded: SeededNetwork;
  readModel: DataSource;
  /** Resolves once every projection has applied everything written so far. */
  caughtUp(position?: bigint): Promise<void>;
  close(): Promise<void>;
}

export const SEED_DEFAULTS: SeedOptions = { cases: 80, seed: 7, start: new Date('2026-01-01T00:00:00Z'), months: 9 };

/** The whole network in-process (test/e2e/support/test-network.ts), seeded through its HTTP API. */
export async function startSeededNetwork(options: Partial<SeedOptions> = {}): Promise<SeededTestNetwork> {
  const previous = process.env[CLOCK_OVERRIDE_FLAG];
  process.env[CLOCK_OVERRIDE_FLAG] = 'true';
  // Seeded deadlines are in the past: they are expired once, after the seed (seed-expiry.ts).
  const network = await startTestNetwork({ placeRequests: { expiryIntervalMs: null } });
  await network.app.listen(0, '127.0.0.1');
  const written = await seedNetwork(httpTransport(await network.app.getUrl()), network.adminKey, { ...SEED_DEFAULTS, ...options });
  const seeded = { ...written, head: await expireSeededPlaceRequests(network.app) };
  const readModel = network.app.get<DataSource>(READ_MODEL);
  const caughtUp = async (position = seeded.head) => {
    for (const { name } of ALL_PROJECTIONS) {
      if (!(await waitForCheckpoint(readModel, name, position, 30_000))) throw new Error(`projection ${name} did not reach ${position}`);
    }
  };
  await caughtUp();
  return {
    network,
    seeded,
    readModel,
    caughtUp,
    async close() {
      await network.close();
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- unsetting is the only way to restore an absent variable
      if (previous === undefined) delete process.env[CLOCK_OVERRIDE_FLAG];
      else process.env[CLOCK_OVERRIDE_FLAG] = previous;
    },
  };
}
