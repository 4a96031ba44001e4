import type { CaseState } from '@passerelle/domain';
import type { InboxCaseRow } from './inbox-case.entity';

/**
 * The domain's view of a read-model case, so that the read side decides what a partner may see
 * with the same consent rules as the deciders (`visibleCategories` in libs/domain).
 */
export function inboxCaseState(row: InboxCaseRow): CaseState {
  if (row.erased) return { status: 'erased', caseId: row.caseId, holder: row.holder };
  return {
    status: 'open',
    caseId: row.caseId,
    holder: row.holder,
    holderKind: row.holderKind,
    level: row.level,
    indicators: row.indicators,
    department: row.department,
    consents: row.consents,
  };
}
