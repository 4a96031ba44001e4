import type { CommandContext } from '@passerelle/command-handling';
import type { ConsentCategory, Service, Urgency } from '@passerelle/domain';

export interface MakeReferralData {
  caseId: string;
  to: string;
  service: Service;
  urgency: Urgency;
  sharedCategories: ConsentCategory[];
  message: string | null;
  respondBy: string | null;
}

export class MakeReferralCommand {
  constructor(
    readonly data: MakeReferralData,
    readonly context: CommandContext,
  ) {}
}
