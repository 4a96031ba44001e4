/**
 * Who may learn that an integration event happened. `network`: every organisation (the directory
 * is public to every key holder); `organisations`: exactly the listed ones, taken from the keys of
 * the internal event's `metadata.scope`, which consent computed at write time.
 */
export type Audience = { kind: 'network' } | { kind: 'organisations'; organisationIds: string[] };

export const NETWORK: Audience = { kind: 'network' };

export function mayReceive(audience: Audience, organisationId: string): boolean {
  return audience.kind === 'network' || audience.organisationIds.includes(organisationId);
}
