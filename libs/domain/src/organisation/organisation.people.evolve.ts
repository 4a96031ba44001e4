import { assertNever } from '../shared/exhaustive';
import type { CredentialEvent, MemberEvent } from './organisation.events';
import type { People } from './organisation.state';

const without = <T>(record: Record<string, T>, key: string): Record<string, T> =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

/** Folds a member or credential event into the organisation's people and keys. */
export function evolvePeople(people: People, event: MemberEvent | CredentialEvent): People {
  const { members, invitations, keys } = people;
  switch (event.type) {
    case 'MemberInvited': {
      const { personId, invitationId, role, expiresAt } = event.data;
      return {
        members: { ...members, [personId]: { personId, role, status: 'invited' } },
        invitations: { ...invitations, [invitationId]: { invitationId, personId, role, expiresAt, status: 'pending' } },
        keys,
      };
    }
    case 'MemberJoined': {
      const member = members[event.data.personId];
      const invitation = invitations[event.data.invitationId];
      return {
        members: member ? { ...members, [member.personId]: { ...member, status: 'active' } } : members,
        invitations: invitation ? { ...invitations, [invitation.invitationId]: { ...invitation, status: 'accepted' } } : invitations,
        keys,
      };
    }
    case 'MemberRoleChanged': {
      const member = members[event.data.personId];
      return { members: member ? { ...members, [member.personId]: { ...member, role: event.data.role } } : members, invitations, keys };
    }
    case 'MemberRemoved': {
      const { personId } = event.data;
      const kept = Object.values(invitations).filter((invitation) => invitation.personId !== personId || invitation.status === 'accepted');
      return { members: without(members, personId), invitations: Object.fromEntries(kept.map((i) => [i.invitationId, i])), keys };
    }
    case 'ApiKeyIssued': {
      const { keyId, role, expiresAt } = event.data;
      return { members, invitations, keys: { ...keys, [keyId]: { keyId, role, expiresAt, revoked: false } } };
    }
    case 'ApiKeyRevoked': {
      const key = keys[event.data.keyId];
      return { members, invitations, keys: key ? { ...keys, [key.keyId]: { ...key, revoked: true } } : keys };
    }
    default:
      return assertNever(event, 'member or credential event');
  }
}
