import type { Actor } from '@passerelle/domain';

export class GetReferralQuery {
  constructor(
    readonly referralId: string,
    readonly actor: Actor,
    readonly now: Date,
  ) {}
}
