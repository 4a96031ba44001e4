import { PrivacyError } from './privacy-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Lower-case UUID: the same case must give the same AAD and cache entry however its id was
 * written, and a non-UUID must fail with a code rather than a PostgreSQL cast error.
 */
export function normaliseCaseId(caseId: string): string {
  const id = typeof caseId === 'string' ? caseId.toLowerCase() : '';
  if (!UUID.test(id)) throw new PrivacyError('PRIVACY.INVALID_CASE_ID', 'a case id is a UUID');
  return id;
}
