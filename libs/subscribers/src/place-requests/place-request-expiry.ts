import { commandId, handleCommand } from '@passerelle/command-handling';
import { placeRequestDecider, placeRequestStream, scopeForPlaceRequestEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { DataSource } from 'typeorm';
import { PlaceRequestFollowUp } from './place-request-follow-up';

const SYSTEM = { organisationId: null, role: 'system', keyId: null };

/**
 * Expires the place requests whose respondBy has passed with nobody accepting
 * (docs/adr/0012-place-requests.md). The expiry is recorded at respondBy, the instant it happened,
 * whenever the sweep notices it; acceptances after that instant were already refused by the decider.
 *
 * Safe with several processes: the sweep loop runs under a leader lock (place-request-expiry.loop.ts),
 * and even two sweeps at once write each expiry once: its event id is derived from the request, and
 * the decider records nothing for a request that is no longer open. An acceptance racing the expiry
 * appends to the same stream at the same expected revision: exactly one of them is recorded.
 */
export class PlaceRequestExpiry {
  private readonly followUp: PlaceRequestFollowUp;

  constructor(
    private readonly store: EventStore,
    private readonly readModel: DataSource,
  ) {
    this.followUp = new PlaceRequestFollowUp(store);
  }

  /**
   * Expires every request due at `now`, a page of `pageSize` at a time; returns how many it expired.
   * A row stays until the process manager sees the expiry (or the placement) and deletes it, so the
   * pages walk on past the rows already handled rather than reading them again.
   */
  async sweep(now: Date, pageSize = 200): Promise<number> {
    let expired = 0;
    let after: { respondBy: Date; id: string } | null = null;
    for (;;) {
      const due: { place_request_id: string; respond_by: Date }[] = await this.readModel.query(
        `SELECT place_request_id, respond_by FROM place_request_deadlines
         WHERE respond_by <= $1 AND ($2::timestamptz IS NULL OR (respond_by, place_request_id) > ($2::timestamptz, $3::uuid))
         ORDER BY respond_by, place_request_id LIMIT $4`,
        [now, after?.respondBy ?? null, after?.id ?? null, pageSize],
      );
      for (const { place_request_id: placeRequestId, respond_by: respondBy } of due) {
        if (await this.expire(placeRequestId, new Date(respondBy))) expired += 1;
      }
      const last = due[due.length - 1];
      if (!last || due.length < pageSize) return expired;
      after = { respondBy: new Date(last.respond_by), id: last.place_request_id };
    }
  }

  private async expire(placeRequestId: string, respondBy: Date): Promise<boolean> {
    const stream = placeRequestStream(placeRequestId);
    const idSeed = `${placeRequestId}:expiry`;
    const correlationId = commandId({ idSeed }, 'correlation');
    const { newEvents } = await handleCommand(
      this.store,
      stream,
      { type: 'ExpirePlaceRequest', data: { placeRequestId }, metadata: { now: respondBy } },
      {
        ...placeRequestDecider,
        envelope: (_event, before, index) => ({
          eventId: commandId({ idSeed }, `${stream}:event:${index}`),
          metadata: {
            schemaVersion: 1,
            occurredAt: respondBy.toISOString(),
            actor: SYSTEM,
            correlationId,
            causationId: null,
            scope: before.status === 'none' ? {} : scopeForPlaceRequestEvent(before.from),
          },
        }),
      },
    );
    const [event] = newEvents;
    if (!event) return false;
    // The referrals follow at once; the process manager would do it too, from its subscription.
    await this.followUp.apply({
      eventId: commandId({ idSeed }, `${stream}:event:0`),
      type: event.type,
      data: event.data,
      metadata: { occurredAt: respondBy.toISOString(), actor: SYSTEM, correlationId },
    });
    return true;
  }
}
