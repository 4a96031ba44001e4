import type { CommandContext } from '@passerelle/command-handling';
import type { ClosureOutcome, DeclineReason, WithdrawalReason } from '@passerelle/domain';

/** A PUT of a referral's Task: the change it asks, and the version the client saw (If-Match), if it said. */
export class UpdateFhirTaskCommand {
  constructor(
    readonly referralId: string,
    readonly change: TaskChange,
    readonly ifMatch: bigint | undefined,
    readonly context: CommandContext,
  ) {}
}

/** The Task statuses a client may set: each is a referral move, or no move when it is already the status. */
export const SETTABLE_STATUSES = ['requested', 'accepted', 'rejected', 'cancelled', 'completed'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

/**
 * What a PUT of a Task asks, read from the body as the SDOH Clinical Care IG lets an owner change
 * a Task: its status, statusReason and output. The references a client sends back must still be
 * the referral's (checked against the stream by the handler); anything else in the body is ignored.
 */
export interface TaskChange {
  status: SettableStatus;
  /** From statusReason.text: the note that goes with the move (sealed with her key like any note). */
  note: string | null;
  declineReason: DeclineReason;
  withdrawalReason: WithdrawalReason;
  outcome: ClosureOutcome;
  references: Partial<Record<'focus' | 'for' | 'owner' | 'requester', string>>;
}
