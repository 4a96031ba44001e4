import type { Actor } from '@passerelle/domain';

export class WhoAmIQuery {
  constructor(readonly actor: Actor) {}
}
