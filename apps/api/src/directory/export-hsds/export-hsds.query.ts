import type { Actor } from '@passerelle/domain';

/** One page of the directory in HSDS shape (`page` is 1-based, as in HSDS's own API). */
export class ExportHsdsQuery {
  constructor(
    readonly actor: Actor,
    readonly page: number,
    readonly perPage: number,
  ) {}
}
