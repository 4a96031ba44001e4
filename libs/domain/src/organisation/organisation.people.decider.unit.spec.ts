import { DeciderSpecification } from '../../../testing/src/decider-specification';
import {
  REFUGE,
  admin,
  asso,
  by,
  coordinator,
  fromNow,
  organisationRegistered,
  person,
  refuge,
  refugeAdmin,
  refugeCaseworker,
} from '../testing/domain.fixtures';
import type { Actor } from '../shared/metadata';
import { NETWORK_ORGANISATION, type KeyRole, type PersonRole } from '../shared/vocabulary';
import type { AcceptInvitation, ChangeMemberRole, InviteMember, IssueApiKey, RemoveMember, RevokeApiKey } from './organisation.commands';
import type { ApiKeyIssued, MemberInvited, MemberJoined, OrganisationEvent } from './organisation.events';
import { organisationDecider } from './organisation.decider';

const spec = DeciderSpecification.for(organisationDecider);
const registered = organisationRegistered(REFUGE, 'refuge', ['shelter']);
const EXPIRES = fromNow(7 * 24 * 3600);

const invite = (who: Actor, role: PersonRole, personId: string, organisationId = REFUGE): InviteMember => ({
  type: 'InviteMember',
  data: { organisationId, invitationId: `inv-${personId}`, personId, role, expiresAt: EXPIRES },
  metadata: by(who),
});
const invited = (role: PersonRole, personId: string, organisationId = REFUGE): MemberInvited => ({
  type: 'MemberInvited',
  data: { organisationId, invitationId: `inv-${personId}`, personId, role, expiresAt: EXPIRES },
});
const acceptBy = (personId: string, role: PersonRole, now?: Date): AcceptInvitation => ({
  type: 'AcceptInvitation',
  data: { organisationId: REFUGE, invitationId: `inv-${personId}`, method: 'passkey' },
  metadata: by(person(REFUGE, 'refuge', role, personId), now),
});
const joined = (personId: string, organisationId = REFUGE): MemberJoined => ({
  type: 'MemberJoined',
  data: { organisationId, invitationId: `inv-${personId}`, personId, method: 'passkey' },
});
const issue = (who: Actor, role: KeyRole = 'partner', organisationId = REFUGE, expiresAt: string | null = fromNow(3600)): IssueApiKey => ({
  type: 'IssueApiKey',
  data: { organisationId, keyId: 'key-1', role, expiresAt },
  metadata: by(who),
});
const issued = (role: KeyRole = 'partner'): ApiKeyIssued => ({
  type: 'ApiKeyIssued',
  data: { organisationId: REFUGE, keyId: 'key-1', role, expiresAt: fromNow(3600) },
});
const revoke = (who: Actor): RevokeApiKey => ({
  type: 'RevokeApiKey',
  data: { organisationId: REFUGE, keyId: 'key-1' },
  metadata: by(who),
});
const changeRole = (who: Actor, personId: string, role: PersonRole): ChangeMemberRole => ({
  type: 'ChangeMemberRole',
  data: { organisationId: REFUGE, personId, role },
  metadata: by(who),
});
const remove = (who: Actor, personId: string): RemoveMember => ({
  type: 'RemoveMember',
  data: { organisationId: REFUGE, personId },
  metadata: by(who),
});

/** The refuge once its first org_admin (invited by the network admin) has joined. */
const administered: OrganisationEvent[] = [registered, invited('org_admin', 'person-refuge-admin'), joined('person-refuge-admin')];

describe('organisation people and credentials', () => {
  describe('onboarding: the organisation has no org_admin yet', () => {
    const given = spec.given([registered]);

    it('lets the network admin invite its first org_admin and issue its first keys', () => {
      given.when(invite(admin, 'org_admin', 'p1')).then(invited('org_admin', 'p1'));
      given.when(issue(admin)).then(issued());
    });

    it('lets the network admin invite no caseworker: that is the org_admins’ call', () => {
      given.when(invite(admin, 'caseworker', 'p1')).thenThrows('AUTH.ORG_ADMIN_ONLY');
    });

    it('refuses a person role that does not exist in a partner organisation', () => {
      given.when(invite(admin, 'network_admin', 'p1')).thenThrows('MEMBER.ROLE_NOT_ALLOWED');
    });

    it('refuses anyone else, including the organisation’s own system key and other partners', () => {
      given.when(invite(refuge, 'org_admin', 'p1')).thenThrows('AUTH.ORG_ADMIN_ONLY', (error) => expect(error.kind).toBe('forbidden'));
      given.when(issue(asso)).thenThrows('AUTH.ORG_ADMIN_ONLY');
      given.when(issue(coordinator)).thenThrows('AUTH.ORG_ADMIN_ONLY');
    });

    it('answers "organisation not found" for an organisation never registered', () => {
      spec.given([]).when(issue(admin)).thenThrows('ORGANISATION.NOT_FOUND');
    });

    it('refuses a key that expires in the past', () => {
      given.when(issue(admin, 'partner', REFUGE, fromNow(-1))).thenThrows('API_KEY.EXPIRY_IN_PAST');
    });
  });

  describe('once its first org_admin has joined', () => {
    const given = spec.given(administered);

    it('refuses the network admin every credential for the organisation (separation of duties)', () => {
      given.when(issue(admin)).thenThrows('AUTH.ORGANISATION_HAS_ADMIN', (error) => expect(error.kind).toBe('forbidden'));
      given.when(invite(admin, 'org_admin', 'p2')).thenThrows('AUTH.ORGANISATION_HAS_ADMIN');
      given.when(revoke(admin)).thenThrows('AUTH.ORGANISATION_HAS_ADMIN');
      given.when(remove(admin, 'person-refuge-admin')).thenThrows('AUTH.ORGANISATION_HAS_ADMIN');
    });

    it('lets its org_admin invite caseworkers and issue partner keys', () => {
      given.when(invite(refugeAdmin, 'caseworker', 'p2')).then(invited('caseworker', 'p2'));
      given.when(issue(refugeAdmin)).then(issued());
    });

    it('lets its org_admin issue no network key', () => {
      given.when(issue(refugeAdmin, 'coordinator')).thenThrows('API_KEY.ROLE_NOT_ALLOWED');
    });

    it('refuses another organisation’s org_admin and its caseworkers', () => {
      given.when(issue(person('asso-93', 'ngo', 'org_admin', 'other'))).thenThrows('AUTH.ORG_ADMIN_ONLY');
      given.when(invite(refugeCaseworker, 'caseworker', 'p3')).thenThrows('AUTH.ORG_ADMIN_ONLY');
    });

    it('keeps its last org_admin: she can be neither removed nor demoted', () => {
      given.when(remove(refugeAdmin, 'person-refuge-admin')).thenThrows('MEMBER.LAST_ORG_ADMIN');
      given.when(changeRole(refugeAdmin, 'person-refuge-admin', 'caseworker')).thenThrows('MEMBER.LAST_ORG_ADMIN');
    });

    it('removes a member and changes a role, recording nothing for an unchanged role', () => {
      const withCaseworker = spec.given([...administered, invited('caseworker', 'p2'), joined('p2')]);
      withCaseworker.when(remove(refugeAdmin, 'p2')).then({ type: 'MemberRemoved', data: { organisationId: REFUGE, personId: 'p2' } });
      withCaseworker
        .when(changeRole(refugeAdmin, 'p2', 'org_admin'))
        .then({ type: 'MemberRoleChanged', data: { organisationId: REFUGE, personId: 'p2', role: 'org_admin' } });
      withCaseworker.when(changeRole(refugeAdmin, 'p2', 'caseworker')).thenNothingHappened();
      given.when(remove(refugeAdmin, 'nobody')).thenThrows('MEMBER.NOT_FOUND');
    });

    it('revokes a key once; a second revocation records nothing', () => {
      spec
        .given([...administered, issued()])
        .when(revoke(refugeAdmin))
        .then({ type: 'ApiKeyRevoked', data: { organisationId: REFUGE, keyId: 'key-1' } });
      spec
        .given([...administered, issued(), { type: 'ApiKeyRevoked', data: { organisationId: REFUGE, keyId: 'key-1' } }])
        .when(revoke(refugeAdmin))
        .thenNothingHappened();
    });
  });

  describe('an invitation', () => {
    const given = spec.given([registered, invited('org_admin', 'p1')]);

    it('binds to the first identity that accepts it', () => {
      given.when(acceptBy('p1', 'org_admin')).then(joined('p1'));
    });

    it('cannot be accepted twice', () => {
      spec
        .given([registered, invited('org_admin', 'p1'), joined('p1')])
        .when(acceptBy('p1', 'org_admin'))
        .thenThrows('INVITATION.ALREADY_USED', (error) => expect(error.kind).toBe('conflict'));
    });

    it('expires', () => {
      given.when(acceptBy('p1', 'org_admin', new Date(Date.parse(EXPIRES) + 1))).thenThrows('INVITATION.EXPIRED');
    });

    it('is gone once its member is removed', () => {
      spec
        .given([...administered, invited('caseworker', 'p2'), { type: 'MemberRemoved', data: { organisationId: REFUGE, personId: 'p2' } }])
        .when(acceptBy('p2', 'caseworker'))
        .thenThrows('INVITATION.NOT_FOUND');
    });
  });

  describe('the network’s own organisation', () => {
    const given = spec.given([]);
    const networkInvite = (who: Actor, role: PersonRole) => invite(who, role, 'p9', NETWORK_ORGANISATION);

    it('has network admins, coordinators and researchers, managed by a network admin', () => {
      given.when(networkInvite(admin, 'network_admin')).then(invited('network_admin', 'p9', NETWORK_ORGANISATION));
      given.when(networkInvite(admin, 'caseworker')).thenThrows('MEMBER.ROLE_NOT_ALLOWED');
      given.when(networkInvite(refugeAdmin, 'coordinator')).thenThrows('AUTH.ADMIN_ONLY');
    });

    it('cannot be registered as a partner organisation', () => {
      given
        .when({
          type: 'RegisterOrganisation',
          data: { organisationId: NETWORK_ORGANISATION, name: 'x', kind: 'ngo', department: '75', services: ['legal'] },
          metadata: by(admin),
        })
        .thenThrows('ORGANISATION.ALREADY_EXISTS');
    });
  });
});
