import type { Actor } from '@passerelle/domain';

/** A request once the guard (libs/auth) has resolved its API key to the caller. */
export interface AuthenticatedRequest {
  actor?: Actor;
}
