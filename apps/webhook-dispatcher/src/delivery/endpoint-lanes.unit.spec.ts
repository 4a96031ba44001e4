import type { ClaimedDelivery } from './delivery-queue';
import { EndpointLanes } from './endpoint-lanes';

const claim = (endpointId: string, n: number): ClaimedDelivery => ({
  endpointId,
  eventId: `${endpointId}-${n}`,
  url: 'https://x.example/',
  payload: '{}',
  attempt: 1,
});

describe('endpoint lanes', () => {
  it('starts at most `concurrency` attempts per endpoint and keeps the rest waiting in claim order', () => {
    const lanes = new EndpointLanes(2);
    for (let n = 0; n < 4; n++) lanes.add(claim('slow', n));
    expect(lanes.startable().map((d) => d.eventId)).toEqual(['slow-0', 'slow-1']);
    expect(lanes.startable()).toEqual([]);
    expect(lanes.held()).toEqual(new Map([['slow', 4]]));
    lanes.finished('slow');
    expect(lanes.startable('slow').map((d) => d.eventId)).toEqual(['slow-2']);
  });

  it('never lets a full lane hold back another endpoint', () => {
    const lanes = new EndpointLanes(2);
    for (let n = 0; n < 4; n++) lanes.add(claim('hanging', n));
    lanes.startable();
    lanes.add(claim('healthy', 0));
    lanes.add(claim('healthy', 1));
    expect(lanes.startable().map((d) => d.eventId)).toEqual(['healthy-0', 'healthy-1']);
  });

  it('gives back what waits when stopping, and forgets idle lanes', () => {
    const lanes = new EndpointLanes(1);
    lanes.add(claim('a', 0));
    lanes.add(claim('a', 1));
    lanes.startable();
    expect(lanes.takeWaiting().map((d) => d.eventId)).toEqual(['a-1']);
    lanes.finished('a');
    expect(lanes.held()).toEqual(new Map());
    expect(lanes.capacity).toBe(2);
  });
});
