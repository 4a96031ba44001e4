import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InboxQuery, type InboxSearchRequest } from '@passerelle/projections';
import type { Bundle, Task } from 'fhir/r4';
import { searchset } from '../fhir-bundle';
import { factsFromInbox } from './referral-facts';
import { SearchFhirTasksQuery } from './search-tasks.query';
import { referralTask } from './task.mapping';

/**
 * The reader's referral Tasks (those it sent or received, never another's), from the inbox read
 * model, newest made first, a page at a time: what a partner's system polls for what changed
 * (`_lastUpdated=gt…`), the way the SDOH IG's "checking task status" describes.
 */
@QueryHandler(SearchFhirTasksQuery)
export class SearchFhirTasksHandler implements IQueryHandler<SearchFhirTasksQuery, Bundle<Task>> {
  constructor(private readonly inbox: InboxQuery) {}

  async execute({ actor, search, urls }: SearchFhirTasksQuery): Promise<Bundle<Task>> {
    const request: InboxSearchRequest = { organisationId: actor.organisationId, limit: search.count };
    if (search.owner !== undefined) request.to = search.owner;
    if (search.requester !== undefined) request.from = search.requester;
    if (search.statuses) request.statuses = search.statuses;
    if (search.lastUpdated.after) request.updatedAfter = search.lastUpdated.after;
    if (search.lastUpdated.before) request.updatedBefore = search.lastUpdated.before;
    if (search.cursor !== undefined) request.cursor = search.cursor;
    const page = await this.inbox.search(request);
    return searchset(
      urls.base,
      urls.self,
      page.rows.map((row) => referralTask(factsFromInbox(row))),
      page.nextCursor,
    );
  }
}
