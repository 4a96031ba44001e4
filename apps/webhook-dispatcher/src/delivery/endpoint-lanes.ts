import type { ClaimedDelivery } from './delivery-queue';

interface Lane {
  inFlight: number;
  waiting: ClaimedDelivery[];
}

/**
 * One lane per endpoint: at most `concurrency` attempts in flight, and as many claimed deliveries
 * waiting right behind them, so the next attempt starts the moment a slot frees, without a round
 * trip to the database. A slow or hanging endpoint only ever fills its own lane (no head-of-line
 * blocking between partners); its waiting claims wait at most one timeout, well inside their lease.
 */
export class EndpointLanes {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly concurrency: number) {}

  /** Most claims an endpoint may hold (in flight + waiting). */
  get capacity(): number {
    return 2 * this.concurrency;
  }

  /** Claims held per endpoint, for the next claim's per-endpoint limit. */
  held(): Map<string, number> {
    const held = new Map<string, number>();
    for (const [id, lane] of this.lanes) held.set(id, lane.inFlight + lane.waiting.length);
    return held;
  }

  add(delivery: ClaimedDelivery): void {
    this.lane(delivery.endpointId).waiting.push(delivery);
  }

  /** Takes every delivery that may start now and counts it in flight until {@link finished}. */
  startable(endpointId?: string): ClaimedDelivery[] {
    const started: ClaimedDelivery[] = [];
    for (const [id, lane] of this.lanes) {
      if (endpointId !== undefined && id !== endpointId) continue;
      while (lane.inFlight < this.concurrency) {
        const next = lane.waiting.shift();
        if (next === undefined) break;
        lane.inFlight += 1;
        started.push(next);
      }
    }
    return started;
  }

  finished(endpointId: string): void {
    const lane = this.lane(endpointId);
    lane.inFlight -= 1;
    if (lane.inFlight === 0 && lane.waiting.length === 0) this.lanes.delete(endpointId);
  }

  /** Empties every waiting queue (a stop gives these claims back unattempted). */
  takeWaiting(): ClaimedDelivery[] {
    const waiting = [...this.lanes.values()].flatMap((lane) => lane.waiting.splice(0));
    for (const [id, lane] of this.lanes) if (lane.inFlight === 0) this.lanes.delete(id);
    return waiting;
  }

  private lane(endpointId: string): Lane {
    let lane = this.lanes.get(endpointId);
    if (!lane) {
      lane = { inFlight: 0, waiting: [] };
      this.lanes.set(endpointId, lane);
    }
    return lane;
  }
}
