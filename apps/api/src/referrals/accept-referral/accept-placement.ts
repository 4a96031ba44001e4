import { Inject, Injectable } from '@nestjs/common';
import { aggregateStream, handleCommand, StreamStateCache, withReadStream, type CommandContext } from '@passerelle/command-handling';
import {
  caseDecider,
  caseStream,
  notFound,
  placeRequestDecider,
  placeRequestStream,
  referralDecider,
  referralStream,
  type PlaceRequestEvent,
} from '@passerelle/domain';
import { EVENT_STORE, WrongExpectedRevisionError, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { PlaceRequestFollowUp, type PlaceRequestCause } from '@passerelle/subscribers';
import { causeOf, placeRequestEnvelope } from '../../place-requests/place-request.scope';

/**
 * Accepting a referral of a place request (docs/adr/0012-place-requests.md). The acceptance is
 * decided and appended on the place request's stream, expecting the revision it was decided on, so
 * of every acceptance sent at the same instant exactly one is appended; each other one is decided
 * again on the request as placed and refused with PLACE_REQUEST.ALREADY_PLACED. The append also
 * names her case and this referral in `alsoExpect`: it commits only if her consent and the referral
 * (not declined or withdrawn meanwhile) are still what the decision saw.
 *
 * Then the request's referrals follow: this one accepted, every other one withdrawn
 * (`placed_elsewhere`), before the answer leaves, so the others lose her data at once.
 */
@Injectable()
export class AcceptPlacement {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly cache: StreamStateCache,
    private readonly followUp: PlaceRequestFollowUp,
  ) {}

  /** `expectedRevision`: the referral's revision the caller saw (FHIR's If-Match); at any other the acceptance fails, once. */
  async execute(referralId: string, note: string | null, context: CommandContext, expectedRevision?: bigint) {
    const referralStreamName = referralStream(referralId);
    for (let attempt = 0; ; attempt += 1) {
      const referral = await aggregateStream(this.store, referralStreamName, {
        ...referralDecider,
        cache: this.cache,
        freshness: attempt === 0 ? 'cached' : 'latest',
      });
      const { state } = referral;
      if (state.status === 'none' || state.placeRequestId === null) throw notFound('REFERRAL.NOT_FOUND', `No referral ${referralId}`);
      const placeRequestId = state.placeRequestId;
      const stream = placeRequestStream(placeRequestId);
      try {
        const decided = await withReadStream(
          this.store,
          caseStream(state.caseId),
          { ...caseDecider, cache: this.cache },
          async ({ state: caseState, alsoExpect }) => {
            const sealed = note && caseState.status === 'open' ? await this.keyring.seal(caseState.caseId, note) : null;
            return handleCommand(
              this.store,
              stream,
              { type: 'AcceptPlacement', data: { placeRequestId, referralId, note: sealed, referral: state }, metadata: context },
              {
                ...placeRequestDecider,
                envelope: placeRequestEnvelope(context, stream),
                cache: this.cache,
                alsoExpect: [...alsoExpect, { streamName: referralStreamName, expectedRevision: expectedRevision ?? referral.revision }],
              },
            );
          },
        );
        const [placed] = decided.newEvents;
        // Nothing new: it was placed through this referral before, and its acceptance is still to follow.
        const cause = placed ? causeOf(context, stream, placed) : await this.recordedPlacement(stream);
        const position = cause ? await this.followUp.apply(cause) : null;
        return { referralId, status: 'accepted', placeRequestId, position: String(position ?? decided.position) };
      } catch (error) {
        // The referral moved after it was read (declined or withdrawn meanwhile): decide again on it.
        const retry = expectedRevision === undefined && attempt < 2;
        if (retry && error instanceof WrongExpectedRevisionError && error.streamName === referralStreamName) continue;
        throw error;
      }
    }
  }

  private async recordedPlacement(stream: string): Promise<PlaceRequestCause | null> {
    const events = await this.store.readStream(stream);
    return events.find((event) => (event.type as PlaceRequestEvent['type']) === 'PlaceRequestPlaced') ?? null;
  }
}
