import type { ApiKeyIssued, MemberInvited, MemberJoined, MemberRemoved, PersonRole } from '@passerelle/domain';
import { REFUGE, organisationRegistered } from '../../testing/use-case.fixtures';

/** When the invitations of the people specs expire, in their events as in the table. */
export const INVITATION_EXPIRES_AT = '2027-01-01T00:00:00.000Z';

/** The refuge's stream as the people use-case specs start from: registered, and its first org_admin joined. */
export const registered = organisationRegistered(REFUGE, 'refuge', ['shelter']);
export const invited = (personId: string, role: PersonRole = 'caseworker', organisationId = REFUGE): MemberInvited => ({
  type: 'MemberInvited',
  data: { organisationId, invitationId: `inv-${personId}`, personId, role, expiresAt: INVITATION_EXPIRES_AT },
});
export const joined = (personId: string): MemberJoined => ({
  type: 'MemberJoined',
  data: { organisationId: REFUGE, invitationId: `inv-${personId}`, personId, method: 'passkey' },
});
export const removed = (personId: string): MemberRemoved => ({ type: 'MemberRemoved', data: { organisationId: REFUGE, personId } });
export const keyIssued = (keyId: string): ApiKeyIssued => ({
  type: 'ApiKeyIssued',
  data: { organisationId: REFUGE, keyId, role: 'partner', expiresAt: '2027-11-22T10:00:00.000Z' },
});
/** Registered, with person-refuge-admin as its active org_admin. */
export const administered = [registered, invited('person-refuge-admin', 'org_admin'), joined('person-refuge-admin')];
