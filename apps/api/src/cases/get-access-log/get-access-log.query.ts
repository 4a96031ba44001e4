import type { Actor } from '@passerelle/domain';

export class GetAccessLogQuery {
  constructor(
    readonly caseId: string,
    readonly actor: Actor,
    readonly before: string | undefined,
    readonly limit: number,
  ) {}
}
