import { Inject, Injectable } from '@nestjs/common';
import {
  aggregateStream,
  commandEnvelope,
  handleCommand,
  StreamStateCache,
  withReadStream,
  type CommandContext,
} from '@passerelle/command-handling';
import {
  caseDecider,
  caseStream,
  placeRequestDecider,
  placeRequestStream,
  referralDecider,
  referralStream,
  type CaseState,
  type ReferralCommand,
  type SealedText,
} from '@passerelle/domain';
import { EVENT_STORE, type EventStore, type ReadCondition } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { referralScope } from './referral.scope';

const STATUS_AFTER: Record<string, string> = {
  ReferralAccepted: 'accepted',
  ReferralDeclined: 'declined',
  ReferralWithdrawn: 'withdrawn',
  ReferralClosed: 'closed',
};

/**
 * Accept, decline, withdraw and close share one path: find the referral's case (its notes are
 * sealed with her data key and its scope follows her consent), then load, decide, append.
 */
@Injectable()
export class MoveReferral {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly cache: StreamStateCache,
  ) {}

  /**
   * `placedThrough`: for a referral of a place request, the referral the request was placed
   * through, if it was (that one is being accepted and may no longer be declined or withdrawn).
   * `expectedRevision`: the referral stream's revision the caller saw (FHIR's If-Match); any other fails the move.
   */
  async execute(
    referralId: string,
    note: string | null,
    context: CommandContext,
    toCommand: (note: SealedText, placedThrough: string | null) => ReferralCommand,
    expectedRevision?: bigint,
  ) {
    const stream = referralStream(referralId);
    // The referral itself may come from the cache: its append is checked against that revision.
    const { state } = await aggregateStream(this.store, stream, { ...referralDecider, cache: this.cache, freshness: 'cached' });
    const move = async (caseState: CaseState, alsoExpect: ReadCondition[], placedThrough: string | null = null) => {
      const sealed = note && caseState.status === 'open' ? await this.keyring.seal(caseState.caseId, note) : null;
      const { newEvents, position } = await handleCommand(this.store, stream, toCommand(sealed, placedThrough), {
        ...referralDecider,
        envelope: commandEnvelope(context, stream, referralScope(caseState, context.now)),
        cache: this.cache,
        alsoExpect,
        expectedRevision,
      });
      return { referralId, status: STATUS_AFTER[newEvents[0]?.type ?? ''] ?? state.status, position: String(position) };
    };
    if (state.status === 'none') return move({ status: 'none' }, []);
    const { placeRequestId } = state;
    // Her consent decides the scope: the move commits only if her case is still at the revision it was decided on.
    return withReadStream(
      this.store,
      caseStream(state.caseId),
      { ...caseDecider, cache: this.cache },
      ({ state: caseState, alsoExpect }) =>
        placeRequestId === null
          ? move(caseState, alsoExpect)
          : // A referral of a place request also commits only if the request has not moved (placed through it) meanwhile.
            withReadStream(
              this.store,
              placeRequestStream(placeRequestId),
              { ...placeRequestDecider, cache: this.cache },
              ({ state: request, alsoExpect: requestExpected }) =>
                move(caseState, [...alsoExpect, ...requestExpected], request.status === 'placed' ? request.placedReferralId : null),
            ),
    );
  }
}
