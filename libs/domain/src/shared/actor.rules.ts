import { forbidden } from './domain-error';
import type { Actor } from './metadata';
import type { OrganisationKind } from './vocabulary';

/** A partner actor always acts as one registered organisation, whose kind it carries. */
export type PartnerActor = Actor & { role: 'partner' | 'caseworker'; organisationKind: OrganisationKind };

/** True for its system's key or one of its caseworkers: the two that act as a partner organisation. */
export const actsForOrganisation = (actor: Actor): boolean => actor.role === 'partner' || actor.role === 'caseworker';

/**
 * Only a partner key or a caseworker acts as its organisation. Checked before any state is looked
 * at, so the answer never depends on whether the target exists.
 */
export function requirePartner(actor: Actor): PartnerActor {
  if (!actsForOrganisation(actor) || actor.organisationKind === null) {
    throw forbidden('AUTH.PARTNER_ONLY', 'Only a partner organisation may do this');
  }
  return actor as PartnerActor;
}

/** How a fact or a read names who did it: `person:<id>` for someone signed in, `key:<id>` for a machine key. */
export const actorRef = (actor: Pick<Actor, 'keyId' | 'personId'>): string | null =>
  actor.personId ? `person:${actor.personId}` : actor.keyId ? `key:${actor.keyId}` : null;
