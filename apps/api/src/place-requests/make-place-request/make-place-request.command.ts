import type { CommandContext } from '@passerelle/command-handling';
import type { ConsentCategory, Service, Urgency } from '@passerelle/domain';

export interface MakePlaceRequestData {
  caseId: string;
  /** The 2–10 organisations asked at once. */
  to: string[];
  service: Service;
  urgency: Urgency;
  sharedCategories: ConsentCategory[];
  message: string | null;
  respondBy: string | null;
}

export class MakePlaceRequestCommand {
  constructor(
    readonly data: MakePlaceRequestData,
    readonly context: CommandContext,
  ) {}
}
