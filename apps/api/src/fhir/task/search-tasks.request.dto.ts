import type { Task } from 'fhir/r4';
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
  if (cursor !== undefined) search.cursor = cursor;
  if (statuses) search.statuses = statuses.flatMap((status) => STATUS_OF_TASK[status] ?? []);
  return search;
}
