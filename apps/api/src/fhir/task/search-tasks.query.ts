import type { Actor } from '@passerelle/domain';
import type { FhirRequestUrls } from '../fhir-http';
import type { TimeBounds } from '../fhir-search';
import type { ReferralStatus } from './referral-facts';

export class SearchFhirTasksQuery {
  constructor(
    readonly actor: Actor,
    readonly search: TaskSearch,
    readonly urls: FhirRequestUrls,
  ) {}
}

/** `GET /fhir/r4/Task?owner=Organization/{id}&requester=…&status=requested,accepted&_lastUpdated=gt…&_count=…` */
export interface TaskSearch {
  owner?: string;
  requester?: string;
  /** Referral statuses; empty when only statuses a referral never has were asked. */
  statuses?: ReferralStatus[];
  lastUpdated: TimeBounds;
  count: number;
  cursor?: string;
}
