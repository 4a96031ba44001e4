import type { INestApplicationContext } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { waitForCheckpoint } from '@passerelle/projections';
import { PLACE_REQUEST_PROCESS, PlaceRequestExpiry } from '@passerelle/subscribers';
import type { DataSource } from 'typeorm';

/**
 * A seeded history is written at past instants, so its place requests' deadlines passed long ago:
 * the network that seeds runs without the expiry loop (it would expire requests before the seed's
 * answers, written at their past instants, arrive), and this sweeps once at the end, when every answer
 * is in. Each expiry is recorded at its request's respondBy. Returns the head after the sweep.
 */
export async function expireSeededPlaceRequests(app: INestApplicationContext, now = new Date()): Promise<bigint> {
  const store = app.get<EventStore>(EVENT_STORE);
  const readModel = app.get<DataSource>(READ_MODEL);
  if (!(await waitForCheckpoint(readModel, PLACE_REQUEST_PROCESS, await store.headPosition(), 120_000))) {
    throw new Error('the place-request process manager did not catch up with the seed');
  }
  await new PlaceRequestExpiry(store, readModel).sweep(now);
  return store.headPosition();
}
