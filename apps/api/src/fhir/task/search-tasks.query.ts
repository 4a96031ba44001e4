import type { Actor } from '@passerelle/domain';
import type { FhirRequestUrls } from '../fhir-http';
import type { TaskSearch } from './task-search.params';

export class SearchFhirTasksQuery {
  constructor(
    readonly actor: Actor,
    readonly search: TaskSearch,
    readonly urls: FhirRequestUrls,
  ) {}
}
