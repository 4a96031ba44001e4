import { conflict, unprocessable } from '../../shared/domain-error';
import { isStrictlyAfter } from '../../shared/time';
import { NETWORK_ROLES, type KeyRole } from '../../shared/vocabulary';
import type { IssueApiKey, RevokeApiKey } from '../organisation.commands';
import type { ApiKeyIssued, ApiKeyRevoked } from '../organisation.events';
import type { OrganisationState } from '../organisation.state';
import { requireManager, type Manager } from './credential-manager.rule';

/**
 * Which key roles each manager may issue. An org_admin issues its system's `partner` keys only:
 * coordinator and researcher keys see the whole network's figures, so only the network admin hands
 * them out (during onboarding, or in the network's own organisation).
 */
const ISSUABLE: Record<Manager, readonly KeyRole[]> = {
  network: NETWORK_ROLES,
  org_admin: ['partner'],
  onboarding: ['partner', 'coordinator', 'researcher'],
};

export function issueKey({ data, metadata }: IssueApiKey, state: OrganisationState): ApiKeyIssued {
  const manager = requireManager(state, metadata.actor, data.organisationId);
  const allowed = ISSUABLE[manager];
  if (!allowed.includes(data.role)) {
    throw unprocessable('API_KEY.ROLE_NOT_ALLOWED', `A key you issue here may have the role ${allowed.join(', ')}`, {
      allowed,
    });
  }
  if (state.keys[data.keyId]) throw conflict('API_KEY.ALREADY_EXISTS', 'This key was already issued');
  if (data.expiresAt !== null && !isStrictlyAfter(data.expiresAt, metadata.now)) {
    throw unprocessable('API_KEY.EXPIRY_IN_PAST', 'expiresAt must be in the future');
  }
  return { type: 'ApiKeyIssued', data };
}

/**
 * Revoking twice records nothing the second time. A key issued before keys were events (it is in
 * the key table only, which the handler checks) is revoked all the same.
 */
export function revokeKey({ data, metadata }: RevokeApiKey, state: OrganisationState): ApiKeyRevoked[] {
  requireManager(state, metadata.actor, data.organisationId);
  if (state.keys[data.keyId]?.revoked) return [];
  return [{ type: 'ApiKeyRevoked', data }];
}
