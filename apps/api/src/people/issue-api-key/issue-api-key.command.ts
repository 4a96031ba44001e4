import type { CommandContext } from '@passerelle/command-handling';
import type { KeyRole } from '@passerelle/domain';

export interface IssueApiKeyData {
  organisationId: string;
  role: KeyRole;
  label: string;
  /** ISO instant; one year from now when null. */
  expiresAt: string | null;
}

/** A machine key for an organisation's system (or a network role), decided on the organisation's stream. */
export class IssueApiKeyCommand {
  constructor(
    readonly data: IssueApiKeyData,
    readonly context: CommandContext,
  ) {}
}
