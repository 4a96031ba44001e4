import { conflict, forbidden, notFound, unprocessable } from '../shared/domain-error';
import { actsForOrganisation } from '../shared/actor.rules';
import { assertNever } from '../shared/exhaustive';
import { unique } from '../shared/time';
import { NETWORK_ORGANISATION } from '../shared/vocabulary';
import type { DeclareCapacity, OrganisationCommand, RegisterOrganisation } from './organisation.commands';
import type { OrganisationEvent } from './organisation.events';
import { initialOrganisationState, type OrganisationState } from './organisation.state';
import type { Decider } from '../shared/decider';
import { issueKey, revokeKey } from './rules/api-keys.rule';
import { accept, changeRole, invite, remove } from './rules/members.rule';
import { evolvePeople } from './organisation.people.evolve';

/** Upper bound on declared places: far above any real service, low enough to catch a typo or an overflow. */
export const MAX_CAPACITY = 100_000;

/** Decides what a command on an `organisation-<id>` stream records; throws a DomainError to refuse it. */
export function decideOrganisation(command: OrganisationCommand, state: OrganisationState): OrganisationEvent[] {
  switch (command.type) {
    case 'RegisterOrganisation':
      return [register(command, state)];
    case 'DeclareCapacity':
      return [declareCapacity(command, state)];
    case 'InviteMember':
      return [invite(command, state)];
    case 'AcceptInvitation':
      return [accept(command, state)];
    case 'ChangeMemberRole':
      return changeRole(command, state);
    case 'RemoveMember':
      return [remove(command, state)];
    case 'IssueApiKey':
      return [issueKey(command, state)];
    case 'RevokeApiKey':
      return revokeKey(command, state);
    default:
      return assertNever(command, 'organisation command');
  }
}

/** Onboarding is the network's gate: only a network admin lets an organisation in. */
function register({ data, metadata }: RegisterOrganisation, state: OrganisationState): OrganisationEvent {
  if (metadata.actor.role !== 'network_admin') throw forbidden('AUTH.ADMIN_ONLY', 'Only a network admin may register an organisation');
  // The network's own organisation holds its admins: registering it as a partner would make them one.
  if (state.status !== 'none' || data.organisationId === NETWORK_ORGANISATION) {
    throw conflict('ORGANISATION.ALREADY_EXISTS', 'An organisation with this id is already registered');
  }
  // Referrals are addressed by service; an organisation offering none could never receive one.
  if (data.services.length === 0) {
    throw unprocessable('ORGANISATION.NO_SERVICES', 'An organisation must offer at least one service');
  }
  const { contact, ...rest } = data;
  // A contact with neither a phone nor an e-mail address says nothing: it is left out, as it was before contacts existed.
  const reachable = contact && (contact.phone || contact.email) ? { contact: { phone: contact.phone, email: contact.email } } : {};
  return { type: 'OrganisationRegistered', data: { ...rest, services: unique(data.services), ...reachable } };
}

function declareCapacity({ data, metadata }: DeclareCapacity, state: OrganisationState): OrganisationEvent {
  if (state.status === 'none') throw notFound('ORGANISATION.NOT_FOUND', 'No organisation with this id is registered');
  const { actor } = metadata;
  // Coordinators plan with these figures, so only the organisation itself may state them.
  if (!actsForOrganisation(actor) || actor.organisationId !== state.organisationId) {
    throw forbidden('AUTH.NOT_THIS_ORGANISATION', 'Only the organisation itself may declare its capacity');
  }
  if (!state.services.includes(data.service)) {
    throw unprocessable('CAPACITY.SERVICE_NOT_OFFERED', 'The organisation does not offer this service', {
      service: data.service,
      offered: state.services,
    });
  }
  const { total, available } = data;
  const valid = Number.isInteger(total) && Number.isInteger(available) && available >= 0 && available <= total && total <= MAX_CAPACITY;
  if (!valid) {
    throw unprocessable('CAPACITY.INVALID', `Capacity needs whole numbers with 0 ≤ available ≤ total ≤ ${MAX_CAPACITY}`);
  }
  return { type: 'CapacityDeclared', data: { organisationId: state.organisationId, service: data.service, total, available } };
}

/** Folds one event into the organisation state; the latest declaration per service wins. */
export function evolveOrganisation(state: OrganisationState, event: OrganisationEvent): OrganisationState {
  switch (event.type) {
    case 'OrganisationRegistered': {
      const { members, invitations, keys } = state;
      return state.status === 'none'
        ? { status: 'registered', ...event.data, contact: event.data.contact ?? null, capacity: {}, members, invitations, keys }
        : state;
    }
    case 'CapacityDeclared': {
      if (state.status !== 'registered') return state;
      const { service, total, available } = event.data;
      return { ...state, capacity: { ...state.capacity, [service]: { total, available } } };
    }
    default:
      return { ...state, ...evolvePeople(state, event) };
  }
}

/** The `organisation-<id>` stream as one decider. */
export const organisationDecider: Decider<OrganisationState, OrganisationCommand, OrganisationEvent> = {
  decide: decideOrganisation,
  evolve: evolveOrganisation,
  initialState: initialOrganisationState,
};
