import { organisationStream, type OrganisationKind } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import type { OrganisationKindLookup } from './auth.guard';

/** An organisation's kind never changes once registered, so a found kind is cached for good. */
export function organisationKinds(store: EventStore): OrganisationKindLookup {
  const known = new Map<string, OrganisationKind>();
  return async (organisationId) => {
    const cached = known.get(organisationId);
    if (cached) return cached;
    const [first] = await store.readStream(organisationStream(organisationId));
    if (first?.type !== 'OrganisationRegistered') return null;
    const kind = (first.data as { kind: OrganisationKind }).kind;
    known.set(organisationId, kind);
    return kind;
  };
}
