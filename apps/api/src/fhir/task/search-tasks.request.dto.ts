import type { Task } from 'fhir/r4';
import { countParameter, lastUpdatedParameter, referenceId, searchParameters, single, tokens, type RawQuery } from '../fhir-search';
import type { ReferralStatus } from './referral-facts';
import type { TaskSearch } from './search-tasks.query';

const STATUS_OF_TASK: Partial<Record<Task['status'], ReferralStatus>> = {
  requested: 'referred',
  accepted: 'accepted',
  rejected: 'declined',
  cancelled: 'withdrawn',
  completed: 'closed',
};
const ALL_TASK_STATUSES: Task['status'][] = [
  'draft',
  'requested',
  'received',
  'accepted',
  'rejected',
  'ready',
  'cancelled',
  'in-progress',
  'on-hold',
  'failed',
  'completed',
  'entered-in-error',
];

export const TASK_SEARCH_PARAMETERS = ['owner', 'requester', 'status', '_lastUpdated', '_count', '_cursor'] as const;

export function parseTaskSearch(query: RawQuery): TaskSearch {
  const params = searchParameters(query, TASK_SEARCH_PARAMETERS);
  const statuses = tokens(params, 'status', ALL_TASK_STATUSES, 'http://hl7.org/fhir/task-status');
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
