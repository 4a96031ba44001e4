import type { KeyRole, OrganisationKind, PersonRole, Service } from '../shared/vocabulary';
import type { OrganisationContact } from './organisation.events';

export type Member = { personId: string; role: PersonRole; status: 'invited' | 'active' };
export type Invitation = { invitationId: string; personId: string; role: PersonRole; expiresAt: string; status: 'pending' | 'accepted' };
export type IssuedKey = { keyId: string; role: KeyRole; expiresAt: string | null; revoked: boolean };

/**
 * Who may act for the organisation and with which credentials. The network's own organisation
 * (NETWORK_ORGANISATION) is never registered but has people and keys, so every state has them.
 */
export interface People {
  members: Record<string, Member>;
  invitations: Record<string, Invitation>;
  keys: Record<string, IssuedKey>;
}

export type OrganisationState =
  | ({ status: 'none' } & People)
  | ({
      status: 'registered';
      organisationId: string;
      name: string;
      kind: OrganisationKind;
      department: string;
      services: Service[];
      /** Null when it registered none. */
      contact: OrganisationContact | null;
      capacity: Partial<Record<Service, { total: number; available: number }>>;
    } & People);

export const initialOrganisationState = (): OrganisationState => ({ status: 'none', members: {}, invitations: {}, keys: {} });
