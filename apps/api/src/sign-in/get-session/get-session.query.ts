import type { Actor } from '@passerelle/domain';

export class GetSessionQuery {
  constructor(
    readonly actor: Actor,
    readonly session: { csrfToken: string; expiresAt: string } | undefined,
  ) {}
}
