import { notFound, unprocessable } from '../../shared/domain-error';
import { requirePartner } from '../../shared/actor.rules';
import type { Actor } from '../../shared/metadata';
import type { CaseState } from '../case.state';

type OpenCase = Extract<CaseState, { status: 'open' }>;

const caseNotFound = () => notFound('CASE.NOT_FOUND', 'No such case');

/**
 * The open case, if the actor is the partner holding it. A partner that does not hold the case gets
 * exactly the answer for a case that does not exist: knowing that a case exists already tells
 * something about a woman in danger. The holder alone learns that the case was erased.
 */
export function requireHeldOpenCase(state: CaseState, actor: Actor): OpenCase {
  const partner = requirePartner(actor);
  if (state.status === 'none' || state.holder !== partner.organisationId) throw caseNotFound();
  if (state.status === 'erased') throw unprocessable('CASE.ERASED', 'This case was erased');
  return state;
}

/**
 * Erasure comes from the holder. The network administrator, who never opens a case, cannot erase one
 * either: she exercises her right to erasure through the organisation holding her file, which the
 * network administrator can reach (docs/consent-and-privacy.md).
 */
export function requireEraser(state: CaseState, actor: Actor): Exclude<CaseState, { status: 'none' }> {
  const partner = requirePartner(actor);
  if (state.status === 'none' || state.holder !== partner.organisationId) throw caseNotFound();
  return state;
}
