import type { ApiKeyIssued, MemberInvited, MemberJoined, PersonRole } from '@passerelle/domain';
import { REFUGE, organisationRegistered } from '../../testing/use-case.fixtures';

/** The refuge's stream as the people use-case specs start from: registered, and its first org_admin joined. */
export const registered = organisationRegistered(REFUGE, 'refuge', ['shelter']);
export const invited = (personId: string, role: PersonRole = 'caseworker'): MemberInvited => ({
  type: 'MemberInvited',
  data: { organisationId: REFUGE, invitationId: `inv-${personId}`, personId, role, expiresAt: '2027-01-01T00:00:00.000Z' },
});
export const joined = (personId: string): MemberJoined => ({
  type: 'MemberJoined',
  data: { organisationId: REFUGE, invitationId: `inv-${personId}`, personId, method: 'passkey' },
});
export const keyIssued = (keyId: string): ApiKeyIssued => ({
  type: 'ApiKeyIssued',
  data: { organisationId: REFUGE, keyId, role: 'partner', expiresAt: '2027-11-22T10:00:00.000Z' },
});
/** Registered, with person-refuge-admin as its active org_admin. */
export const administered = [registered, invited('person-refuge-admin', 'org_admin'), joined('person-refuge-admin')];
