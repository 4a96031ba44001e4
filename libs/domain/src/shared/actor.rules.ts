import { forbidden } from './domain-error';
import type { Actor } from './metadata';
import type { OrganisationKind } from './vocabulary';

/** A partner actor always acts as one registered organisation, whose kind it carries. */
export type PartnerActor = Actor & { role: 'partner'; organisationKind: OrganisationKind };

/**
 * Only a partner key acts as its organisation. Checked before any state is looked at,
 * so the answer never depends on whether the target exists.
 */
export function requirePartner(actor: Actor): PartnerActor {
  if (actor.role !== 'partner' || actor.organisationKind === null) {
    throw forbidden('AUTH.PARTNER_ONLY', 'Only a partner organisation may do this');
  }
  return actor as PartnerActor;
}
