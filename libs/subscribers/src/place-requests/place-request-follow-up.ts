import { aggregateStream, commandId, handleCommand, type StreamStateCache } from '@passerelle/command-handling';
import {
  caseDecider,
  caseStream,
  placeRequestDecider,
  placeRequestStream,
  referralDecider,
  referralStream,
  scopeForReferralEvent,
  type CaseState,
  type PlaceRequestEvent,
  type PlaceRequestState,
  type PlaceRequestWithdrawalReason,
  type ReferralCommand,
  type ReferralState,
} from '@passerelle/domain';
import type { EventMetadata, EventStore } from '@passerelle/event-store';

/** A place request's event, as the command that appended it knows it or as the store delivers it. */
export interface PlaceRequestCause {
  eventId: string;
  type: string;
  data: unknown;
  metadata: Pick<EventMetadata, 'occurredAt' | 'actor' | 'correlationId'>;
}

const WITHDRAWN_BECAUSE: Record<string, PlaceRequestWithdrawalReason> = {
  PlaceRequestExpired: 'expired',
  PlaceRequestCancelled: 'cancelled',
};

/**
 * What a place request's decision means for its referrals (docs/adr/0012-place-requests.md):
 * made → one referral per recipient; placed → the winner's referral accepted, every other one
 * still waiting withdrawn `placed_elsewhere`; expired or cancelled → those withdrawn `expired` or
 * `cancelled`.
 *
 * Run twice (by the command that decided, right after its append, and by the process manager from
 * its checkpointed subscription), it writes each event once: every event id is derived from the
 * place request and its outcome only, so a second run's append is an idempotent retry, and the
 * referral decider records nothing for a referral already past the step.
 */
export class PlaceRequestFollowUp {
  constructor(
    private readonly store: EventStore,
    private readonly cache?: StreamStateCache,
  ) {}

  /** Appends what the event calls for; returns the global position of the last event appended, or null. */
  async apply(cause: PlaceRequestCause): Promise<bigint | null> {
    const event = { type: cause.type, data: cause.data } as PlaceRequestEvent;
    const request = event.type === 'PlaceRequestMade' ? null : await this.request(event.data.placeRequestId);
    const moves = movesFor(event, request);
    if (moves.length === 0) return null;
    const caseId = event.type === 'PlaceRequestMade' ? event.data.caseId : request?.status === 'none' ? null : (request?.caseId ?? null);
    if (caseId === null) return null;
    const { state: caseState } = await aggregateStream(this.store, caseStream(caseId), { ...caseDecider, cache: this.cache });
    const positions = await Promise.all(moves.map((move) => this.move(move, cause, caseState)));
    return positions.reduce<bigint | null>(
      (last, position) => (position !== null && (last === null || position > last) ? position : last),
      null,
    );
  }

  private async request(placeRequestId: string): Promise<PlaceRequestState> {
    return (await aggregateStream(this.store, placeRequestStream(placeRequestId), { ...placeRequestDecider, cache: this.cache })).state;
  }

  private async move(move: Move, cause: PlaceRequestCause, caseState: CaseState): Promise<bigint | null> {
    const stream = referralStream(move.referralId);
    const now = new Date(cause.metadata.occurredAt);
    const { position } = await handleCommand(this.store, stream, { ...move.command, metadata: { now } } as ReferralCommand, {
      ...referralDecider,
      cache: this.cache,
      // A referral is made once: a second run's append carries the same event id and is a retry.
      newStream: move.command.type === 'MakeReferralForPlaceRequest',
      envelope: (referralEvent, before: ReferralState, index) => {
        const parties = referralEvent.type === 'ReferralMade' ? referralEvent.data : before.status === 'none' ? null : before;
        return {
          eventId: commandId({ idSeed: `${move.placeRequestId}:${cause.type}` }, `${stream}:event:${index}`),
          metadata: {
            schemaVersion: 1,
            occurredAt: cause.metadata.occurredAt,
            actor: cause.metadata.actor,
            correlationId: cause.metadata.correlationId,
            causationId: cause.eventId,
            scope: parties ? scopeForReferralEvent(caseState, parties, now) : {},
          },
        };
      },
    });
    return position;
  }
}

interface Move {
  placeRequestId: string;
  referralId: string;
  command: Omit<ReferralCommand, 'metadata'>;
}

function movesFor(event: PlaceRequestEvent, request: PlaceRequestState | null): Move[] {
  if (event.type === 'PlaceRequestMade') {
    const { data } = event;
    return data.recipients.map(({ referralId }) => ({
      placeRequestId: data.placeRequestId,
      referralId,
      command: { type: 'MakeReferralForPlaceRequest', data: { referralId, request: data } },
    }));
  }
  if (!request || request.status === 'none') return [];
  const placeRequestId = request.placeRequestId;
  if (event.type === 'PlaceRequestPlaced') {
    const { referralId: winner, by, note } = event.data;
    return request.recipients.map(({ referralId }) => ({
      placeRequestId,
      referralId,
      command:
        referralId === winner
          ? { type: 'CompletePlacement', data: { referralId, placeRequestId, by, note } }
          : { type: 'WithdrawForPlaceRequest', data: { referralId, placeRequestId, reason: 'placed_elsewhere' } },
    }));
  }
  const reason = WITHDRAWN_BECAUSE[event.type];
  if (!reason) return [];
  return request.recipients.map(({ referralId }) => ({
    placeRequestId,
    referralId,
    command: { type: 'WithdrawForPlaceRequest', data: { referralId, placeRequestId, reason } },
  }));
}
