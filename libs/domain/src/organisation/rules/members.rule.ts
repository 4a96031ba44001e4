import { conflict, forbidden, notFound, unprocessable } from '../../shared/domain-error';
import { isStrictlyAfter } from '../../shared/time';
import { NETWORK_ORGANISATION, NETWORK_ROLES, ORGANISATION_MEMBER_ROLES, type PersonRole } from '../../shared/vocabulary';
import type { AcceptInvitation, ChangeMemberRole, InviteMember, RemoveMember } from '../organisation.commands';
import type { MemberInvited, MemberJoined, MemberRemoved, MemberRoleChanged } from '../organisation.events';
import type { OrganisationState } from '../organisation.state';
import { adminRoleOf, requireManager } from './credential-manager.rule';

/** Roles a person may hold here: network roles in the network's organisation, org_admin or caseworker elsewhere. */
function requireRoleAllowed(organisationId: string, role: PersonRole): void {
  const allowed: readonly PersonRole[] = organisationId === NETWORK_ORGANISATION ? NETWORK_ROLES : ORGANISATION_MEMBER_ROLES;
  if (!allowed.includes(role)) {
    throw unprocessable('MEMBER.ROLE_NOT_ALLOWED', `A person here may be ${allowed.join(' or ')}`, {
      allowed,
    });
  }
}

export function invite({ data, metadata }: InviteMember, state: OrganisationState): MemberInvited {
  const manager = requireManager(state, metadata.actor, data.organisationId);
  requireRoleAllowed(data.organisationId, data.role);
  if (manager === 'onboarding' && data.role !== 'org_admin') {
    throw forbidden('AUTH.ORG_ADMIN_ONLY', 'A network admin invites only the first org_admin; the org_admins invite the rest');
  }
  if (state.invitations[data.invitationId] || state.members[data.personId]) {
    throw conflict('MEMBER.ALREADY_EXISTS', 'This invitation was already issued');
  }
  if (!isStrictlyAfter(data.expiresAt, metadata.now)) throw unprocessable('INVITATION.EXPIRED', 'An invitation must expire in the future');
  return { type: 'MemberInvited', data };
}

/** The invitation binds to the first identity that accepts it: a second acceptance is refused. */
export function accept({ data, metadata }: AcceptInvitation, state: OrganisationState): MemberJoined {
  const invitation = state.invitations[data.invitationId];
  // A removed member's pending invitation is gone with her: it answers as if it never existed.
  if (!invitation || !state.members[invitation.personId]) throw notFound('INVITATION.NOT_FOUND', 'No such invitation');
  if (metadata.actor.personId !== invitation.personId) throw notFound('INVITATION.NOT_FOUND', 'No such invitation');
  if (invitation.status === 'accepted') throw conflict('INVITATION.ALREADY_USED', 'This invitation was already accepted');
  if (!isStrictlyAfter(invitation.expiresAt, metadata.now)) {
    throw unprocessable('INVITATION.EXPIRED', 'This invitation has expired: ask for a new one');
  }
  return {
    type: 'MemberJoined',
    data: { organisationId: data.organisationId, invitationId: data.invitationId, personId: invitation.personId, method: data.method },
  };
}

/** The last active administrator stays: an organisation nobody administers would fall back to the network admin. */
function requireNotLastAdmin(state: OrganisationState, organisationId: string, personId: string): void {
  const adminRole = adminRoleOf(organisationId);
  const admins = Object.values(state.members).filter((m) => m.status === 'active' && m.role === adminRole);
  if (admins.length === 1 && admins[0]?.personId === personId) {
    throw conflict(
      'MEMBER.LAST_ORG_ADMIN',
      `The last ${adminRole} cannot be removed or given another role: make someone else ${adminRole} first`,
    );
  }
}

export function changeRole({ data, metadata }: ChangeMemberRole, state: OrganisationState): MemberRoleChanged[] {
  requireManager(state, metadata.actor, data.organisationId);
  requireRoleAllowed(data.organisationId, data.role);
  const member = state.members[data.personId];
  if (!member) throw notFound('MEMBER.NOT_FOUND', 'No such member in this organisation');
  if (member.role === data.role) return [];
  requireNotLastAdmin(state, data.organisationId, data.personId);
  return [{ type: 'MemberRoleChanged', data }];
}

export function remove({ data, metadata }: RemoveMember, state: OrganisationState): MemberRemoved {
  requireManager(state, metadata.actor, data.organisationId);
  if (!state.members[data.personId]) throw notFound('MEMBER.NOT_FOUND', 'No such member in this organisation');
  requireNotLastAdmin(state, data.organisationId, data.personId);
  return { type: 'MemberRemoved', data };
}
