import type { CommandContext } from '@passerelle/command-handling';
import type { ClosureOutcome } from '@passerelle/domain';

/** `expectedRevision`: set by a caller that saw the referral at that revision (FHIR If-Match); the JSON API leaves it out. */
export class CloseReferralCommand {
  constructor(
    readonly data: { referralId: string; note: string | null; outcome: ClosureOutcome; expectedRevision?: bigint },
    readonly context: CommandContext,
  ) {}
}
