import type { CommandMetadata } from '../shared/metadata';
import type { KeyRole, OrganisationKind, PersonRole, Service } from '../shared/vocabulary';
import type { OrganisationContact, SignInMethod } from './organisation.events';

export type RegisterOrganisation = {
  type: 'RegisterOrganisation';
  data: {
    organisationId: string;
    name: string;
    kind: OrganisationKind;
    department: string;
    services: Service[];
    contact?: OrganisationContact | undefined;
  };
  metadata: CommandMetadata;
};
export type DeclareCapacity = {
  type: 'DeclareCapacity';
  data: { organisationId: string; service: Service; total: number; available: number };
  metadata: CommandMetadata;
};
export type InviteMember = {
  type: 'InviteMember';
  data: { organisationId: string; invitationId: string; personId: string; role: PersonRole; expiresAt: string };
  metadata: CommandMetadata;
};
/** Sent on behalf of the invited person, who proves it by holding the invitation's secret (checked before the domain). */
export type AcceptInvitation = {
  type: 'AcceptInvitation';
  data: { organisationId: string; invitationId: string; method: SignInMethod };
  metadata: CommandMetadata;
};
export type ChangeMemberRole = {
  type: 'ChangeMemberRole';
  data: { organisationId: string; personId: string; role: PersonRole };
  metadata: CommandMetadata;
};
export type RemoveMember = {
  type: 'RemoveMember';
  data: { organisationId: string; personId: string };
  metadata: CommandMetadata;
};
export type IssueApiKey = {
  type: 'IssueApiKey';
  data: { organisationId: string; keyId: string; role: KeyRole; expiresAt: string | null };
  metadata: CommandMetadata;
};
export type RevokeApiKey = {
  type: 'RevokeApiKey';
  data: { organisationId: string; keyId: string };
  metadata: CommandMetadata;
};
export type MemberCommand = InviteMember | AcceptInvitation | ChangeMemberRole | RemoveMember;
export type CredentialCommand = IssueApiKey | RevokeApiKey;
export type OrganisationCommand = RegisterOrganisation | DeclareCapacity | MemberCommand | CredentialCommand;
