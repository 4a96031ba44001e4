import { notFound, referralStream } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { referralView, type ReferralView } from '../../referrals/get-referral/referral-view';

/**
 * A referral read from its stream, as its two parties may: the same 404 as the JSON API for
 * anyone else (the existence of a referral is itself sensitive), and the stream's revision.
 */
export async function readReferralAs(
  store: EventStore,
  referralId: string,
  viewer: string,
): Promise<{ view: ReferralView; revision: bigint }> {
  const recorded = await store.readStream(referralStream(referralId));
  const view = referralView(recorded);
  const last = recorded[recorded.length - 1];
  if (!view || !last || (view.from !== viewer && view.to !== viewer)) {
    throw notFound('REFERRAL.NOT_FOUND', `No referral ${referralId} is visible to ${viewer}.`);
  }
  return { view, revision: last.streamRevision };
}
