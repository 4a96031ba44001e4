import type { Actor, Role } from '@passerelle/domain';

/** The network administrator issues a key of `role` to a registered organisation. */
export class IssueApiKeyCommand {
  constructor(
    readonly actor: Actor,
    readonly organisationId: string,
    readonly role: Role,
  ) {}
}
