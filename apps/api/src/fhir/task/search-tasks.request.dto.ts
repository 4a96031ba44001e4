import type { Task } from 'fhir/r4';
import { isInboxCursor } from '@passerelle/projections';
import { fhirError } from '../fhir-outcome';
import { countParameter, lastUpdatedParameter, referenceId, searchParameters, single, tokens, type RawQuery } from '../fhir-search';
import type { ReferralStatus } from './referral-facts';
import type { TaskSearch } from './search-tasks.query';
import { TASK_STATUS, TASK_STATUSES } from './task.mapping';

/** The referral status behind each Task status the facade uses; the other codes match no referral. */
const STATUS_OF_TASK = Object.fromEntries(Object.entries(TASK_STATUS).map(([referral, task]) => [task, referral])) as Partial<
  Record<Task['status'], ReferralStatus>
>;

export const TASK_SEARCH_PARAMETERS = ['owner', 'requester', 'status', '_lastUpdated', '_count', '_cursor'] as const;

export function parseTaskSearch(query: RawQuery): TaskSearch {
  const params = searchParameters(query, TASK_SEARCH_PARAMETERS);
  const statuses = tokens(params, 'status', TASK_STATUSES, 'http://hl7.org/fhir/task-status');
  const search: TaskSearch = { lastUpdated: lastUpdatedParameter(params), count: countParameter(params) };
  const owner = referenceId(params, 'owner', 'Organization');
  const requester = referenceId(params, 'requester', 'Organization');
  const cursor = single(params, '_cursor');
  if (owner !== undefined) search.owner = owner;
  if (requester !== undefined) search.requester = requester;
  if (cursor !== undefined) search.cursor = checkedCursor(cursor);
  if (statuses) search.statuses = statuses.flatMap((status) => STATUS_OF_TASK[status] ?? []);
  return search;
}

/** A `_cursor` is only ever one a `next` link gave: anything else is a bad value (400), as every other search parameter's. */
function checkedCursor(cursor: string): string {
  if (isInboxCursor(cursor)) return cursor;
  throw fhirError(400, 'FHIR.BAD_SEARCH_PARAMETER', 'Bad search parameter', '_cursor must be one a next link gave.', '_cursor');
}
