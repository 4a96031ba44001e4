import { referralStream, type ReferralCommand, type SealedText } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { Keyring } from '@passerelle/privacy';
import type { CommandContext } from '../shared/command-context';
import { handleCommand, load } from '../shared/event-sourcing';
import { loadCase, referralDecider, referralScope } from './referral.decider';

/**
 * Accept, decline, withdraw and close share one path: find the referral's case (its notes are
 * sealed with her data key and its scope follows her consent), then load, decide, append.
 */
export async function moveReferral(
  store: EventStore,
  keyring: Keyring,
  referralId: string,
  note: string | undefined,
  context: CommandContext,
  command: (sealedNote: SealedText) => ReferralCommand,
) {
  const loaded = await load(store, referralStream(referralId), referralDecider);
  const { state } = loaded;
  const caseState = state.status === 'none' ? ({ status: 'none' } as const) : await loadCase(store, state.caseId);
  const sealed = note && caseState.status === 'open' ? await keyring.seal(caseState.caseId, note) : null;
  const { events, position } = await handleCommand(store, referralStream(referralId), referralDecider, command(sealed), context,
    referralScope(caseState, context.now), loaded);
  const status = { ReferralAccepted: 'accepted', ReferralDeclined: 'declined', ReferralWithdrawn: 'withdrawn', ReferralClosed: 'closed' } as Record<string, string>;
  return { referralId, status: status[events[0]?.type ?? ''] ?? state.status, position: String(position) };
}
