import { placeRequestStream, referralStream, type PlaceRequestEvent, type ReferralEvent } from '@passerelle/domain';
import { createInMemoryEventStore } from '@passerelle/event-store/in-memory';
import { aMetadata } from '@passerelle/event-store/testing';
import { randomUUID } from 'node:crypto';
import { ASSO, NOW, REFUGE, asso, refuge } from '../../testing/use-case.fixtures';
import {
  PLACE_REQUEST_ID,
  placedThrough,
  placeRequestMade,
  REFUGE_B,
  referralOfRequest,
  TO_REFUGE,
  TO_REFUGE_B,
} from '../../testing/place-request.fixtures';
import { GetPlaceRequestHandler } from './get-place-request.handler';
import { GetPlaceRequestQuery } from './get-place-request.query';

const minutesAfter = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();

describe('get place request', () => {
  const store = createInMemoryEventStore();
  const append = (stream: string, events: (PlaceRequestEvent | ReferralEvent)[], minutes: number[]) =>
    store.appendToStream(
      stream,
      events.map((event, i) => ({ ...event, eventId: randomUUID(), metadata: aMetadata({ occurredAt: minutesAfter(minutes[i] ?? 0) }) })),
      { expectedRevision: 'any' },
    );
  const view = (who = asso, now = NOW) => new GetPlaceRequestHandler(store).execute(new GetPlaceRequestQuery(PLACE_REQUEST_ID, who, now));

  beforeAll(async () => {
    await append(
      placeRequestStream(PLACE_REQUEST_ID),
      [placeRequestMade({ respondBy: minutesAfter(120) }), placedThrough(TO_REFUGE_B, REFUGE_B)],
      [0, 45],
    );
    await append(
      referralStream(TO_REFUGE),
      [
        referralOfRequest(TO_REFUGE, REFUGE),
        { type: 'ReferralDeclined', data: { referralId: TO_REFUGE, by: REFUGE, reason: 'no_capacity', note: null } },
      ],
      [0, 20],
    );
    await append(
      referralStream(TO_REFUGE_B),
      [referralOfRequest(TO_REFUGE_B, REFUGE_B), { type: 'ReferralAccepted', data: { referralId: TO_REFUGE_B, by: REFUGE_B, note: null } }],
      [0, 45],
    );
  });
  afterAll(() => store.close());

  it('shows the sender who accepted, and each shelter’s answer and how long it took', async () => {
    expect(await view()).toMatchObject({
      placeRequestId: PLACE_REQUEST_ID,
      from: ASSO,
      status: 'placed',
      placed: { organisationId: REFUGE_B, referralId: TO_REFUGE_B, at: minutesAfter(45) },
      recipients: [
        { organisationId: REFUGE, referralId: TO_REFUGE, status: 'declined', declineReason: 'no_capacity', responseSeconds: 1200 },
        { organisationId: REFUGE_B, referralId: TO_REFUGE_B, status: 'accepted', respondedAt: minutesAfter(45), responseSeconds: 2700 },
      ],
    });
  });

  it('answers a recipient as if there were no request: it names every shelter asked', async () => {
    await expect(view(refuge)).rejects.toMatchObject({ code: 'PLACE_REQUEST.NOT_FOUND' });
  });
});
