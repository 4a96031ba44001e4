import type { OrganisationKind, Role } from './vocabulary';

/**
 * Who issues a command: resolved from the API key or the signed-in person's session by the HTTP
 * layer, never from the body. `personId` names the person (null for a machine key), `keyId` the
 * machine key (null for a person), so that every fact and every read names who did it.
 */
export interface Actor {
  organisationId: string;
  organisationKind: OrganisationKind | null;
  role: Role;
  keyId: string | null;
  personId?: string | null;
}

/** The domain never reads the clock or makes ids: they arrive here, so a decision replays and tests exactly. */
export interface CommandMetadata {
  now: Date;
  actor: Actor;
}

/**
 * Personal fields sealed per consent category with the case's data key (AES-256-GCM).
 * Each value is an opaque string produced by libs/privacy; the domain only carries it.
 */
export type SealedPersonal = Partial<Record<import('./vocabulary').ConsentCategory, string>>;

/**
 * A sealed free-text field (referral message, notes, consent-withdrawal reason), or null. Every free
 * text of an event is one (test/architecture/free-text-sealed.unit.spec.ts fails otherwise).
 */
export type SealedText = string | null;
