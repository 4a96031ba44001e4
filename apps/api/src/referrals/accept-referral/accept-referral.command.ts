import type { CommandContext } from '@passerelle/command-handling';

/** `expectedRevision`: set by a caller that saw the referral at that revision (FHIR If-Match); the JSON API leaves it out. */
export class AcceptReferralCommand {
  constructor(
    readonly data: { referralId: string; note: string | null; expectedRevision?: bigint },
    readonly context: CommandContext,
  ) {}
}
