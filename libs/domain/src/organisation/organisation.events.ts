import type { KeyRole, OrganisationKind, PersonRole, Service } from '../shared/vocabulary';

/**
 * How a woman reaches the organisation (its desk, a hotline): printed on her consent receipt as the
 * number to call to withdraw. Never a person's own number, never a refuge's address.
 */
export interface OrganisationContact {
  phone: string | null;
  email: string | null;
}

/**
 * Events of an `organisation-<id>` stream (docs/architecture.md#streams-and-events). Who may act
 * for the organisation, and which credentials were issued for it, are facts of this stream: who
 * could do what, and when, is part of history. No staff e-mail, name or secret is ever in an event:
 * a person is her `personId`, a key its `keyId` (the people and key tables hold the rest).
 */
export type OrganisationRegistered = {
  type: 'OrganisationRegistered';
  /** `contact` is absent from registrations recorded before organisations could give one. */
  data: {
    organisationId: string;
    name: string;
    kind: OrganisationKind;
    department: string;
    services: Service[];
    contact?: OrganisationContact;
  };
};
export type CapacityDeclared = {
  type: 'CapacityDeclared';
  data: { organisationId: string; service: Service; total: number; available: number };
};
/** An invitation is a credential: whoever holds its link may join with `role` until `expiresAt`. */
export type MemberInvited = {
  type: 'MemberInvited';
  data: { organisationId: string; invitationId: string; personId: string; role: PersonRole; expiresAt: string };
};
export type MemberJoined = {
  type: 'MemberJoined';
  data: { organisationId: string; invitationId: string; personId: string; method: SignInMethod };
};
export type MemberRoleChanged = {
  type: 'MemberRoleChanged';
  data: { organisationId: string; personId: string; role: PersonRole };
};
export type MemberRemoved = {
  type: 'MemberRemoved';
  data: { organisationId: string; personId: string };
};
export type ApiKeyIssued = {
  type: 'ApiKeyIssued';
  /** The key's label (free text an org_admin typed) stays in the key table, out of history. */
  data: { organisationId: string; keyId: string; role: KeyRole; expiresAt: string | null };
};
export type ApiKeyRevoked = {
  type: 'ApiKeyRevoked';
  data: { organisationId: string; keyId: string };
};

/** How a person proved who she is when she accepted her invitation. */
export const SIGN_IN_METHODS = ['passkey', 'password_totp', 'oidc'] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export type MemberEvent = MemberInvited | MemberJoined | MemberRoleChanged | MemberRemoved;
export type CredentialEvent = ApiKeyIssued | ApiKeyRevoked;
export type OrganisationEvent = OrganisationRegistered | CapacityDeclared | MemberEvent | CredentialEvent;
export const ORGANISATION_EVENT_TYPES = [
  'OrganisationRegistered',
  'CapacityDeclared',
  'MemberInvited',
  'MemberJoined',
  'MemberRoleChanged',
  'MemberRemoved',
  'ApiKeyIssued',
  'ApiKeyRevoked',
] as const satisfies readonly OrganisationEvent['type'][];
export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;
