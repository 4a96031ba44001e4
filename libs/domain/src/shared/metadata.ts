import type { OrganisationKind, Role } from './vocabulary';

/** Who issues a command: resolved from the API key by the HTTP layer, never from the body. */
export interface Actor {
  organisationId: string;
  organisationKind: OrganisationKind | null;
  role: Role;
  keyId: string | null;
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
