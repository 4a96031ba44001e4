import type { Actor } from '@passerelle/domain';

export class GetCaseQuery {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    readonly now: Date,
    readonly minPosition?: bigint,
  ) {}
}
