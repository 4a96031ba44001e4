import { forbidden, notFound } from '../../shared/domain-error';
import type { Actor } from '../../shared/metadata';
import { NETWORK_ORGANISATION } from '../../shared/vocabulary';
import type { OrganisationState } from '../organisation.state';

/**
 * Who manages an organisation's people and credentials at this moment:
 * - `network`: a network admin, in the network's own organisation;
 * - `org_admin`: one of the organisation's own org_admins;
 * - `onboarding`: a network admin, while the organisation has no active org_admin yet (she may
 *   invite its first org_admin and issue its first keys, and nothing else).
 */
export type Manager = 'network' | 'org_admin' | 'onboarding';

/** An org_admin has joined: from then on only the organisation's own org_admins issue its credentials. */
export const hasActiveOrgAdmin = (state: OrganisationState): boolean =>
  Object.values(state.members).some((member) => member.status === 'active' && member.role === 'org_admin');

/** The role that administers an organisation: the last active one may be neither demoted nor removed. */
export const adminRoleOf = (organisationId: string) => (organisationId === NETWORK_ORGANISATION ? 'network_admin' : 'org_admin');

/**
 * Separation of duties: the network admin, who must never read a case, cannot give herself or
 * anyone a key to an organisation that already administers itself.
 */
export function requireManager(state: OrganisationState, actor: Actor, organisationId: string): Manager {
  if (organisationId === NETWORK_ORGANISATION) {
    if (actor.role === 'network_admin' && actor.organisationId === NETWORK_ORGANISATION) return 'network';
    throw forbidden('AUTH.ADMIN_ONLY', 'Only a network admin manages the network’s own people and keys');
  }
  if (state.status === 'none') throw notFound('ORGANISATION.NOT_FOUND', 'No organisation with this id is registered');
  if (actor.role === 'org_admin' && actor.organisationId === organisationId) return 'org_admin';
  if (actor.role === 'network_admin') {
    if (hasActiveOrgAdmin(state)) {
      throw forbidden('AUTH.ORGANISATION_HAS_ADMIN', 'This organisation has its own org_admin: only its org_admins issue its credentials');
    }
    return 'onboarding';
  }
  throw forbidden('AUTH.ORG_ADMIN_ONLY', 'Only an org_admin of this organisation manages its people and keys');
}
