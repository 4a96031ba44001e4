import { Inject, Injectable } from '@nestjs/common';
import { aggregateStream } from '@passerelle/command-handling';
import { organisationDecider, organisationStream, type OrganisationState } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';

/**
 * Organisation state as the deciders need it (registered? which services?), cached briefly: it
 * almost never changes, and every referral reads its receiver. Only registered organisations are
 * cached, so a newly registered one is seen at once.
 */
@Injectable()
export class RegisteredOrganisations {
  private static readonly TTL_MS = 30_000;
  private readonly cache = new Map<string, { state: OrganisationState; at: number }>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async get(organisationId: string): Promise<OrganisationState> {
    const cached = this.cache.get(organisationId);
    if (cached && Date.now() - cached.at < RegisteredOrganisations.TTL_MS) return cached.state;
    const { state } = await aggregateStream(this.store, organisationStream(organisationId), organisationDecider);
    if (state.status === 'registered') this.cache.set(organisationId, { state, at: Date.now() });
    return state;
  }
}
