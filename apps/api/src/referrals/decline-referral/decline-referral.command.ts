import type { CommandContext } from '@passerelle/command-handling';
import type { DeclineReason } from '@passerelle/domain';

/** `expectedRevision`: set by a caller that saw the referral at that revision (FHIR If-Match); the JSON API leaves it out. */
export class DeclineReferralCommand {
  constructor(
    readonly data: { referralId: string; note: string | null; reason: DeclineReason; expectedRevision?: bigint },
    readonly context: CommandContext,
  ) {}
}
