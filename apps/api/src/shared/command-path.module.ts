import { Global, Module } from '@nestjs/common';
import { StreamStateCache } from '@passerelle/command-handling';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { PlaceRequestFollowUp } from '@passerelle/subscribers';
import { RegisteredOrganisations } from '../organisations/registered-organisations';

/**
 * What every command handler of this process shares: the folded stream states (one cache per
 * process, see libs/command-handling/src/stream-state-cache.ts), the organisation lookup, and what
 * a place request's decision means for its referrals (libs/subscribers/src/place-requests).
 */
@Global()
@Module({
  providers: [
    { provide: StreamStateCache, useFactory: () => new StreamStateCache() },
    RegisteredOrganisations,
    {
      provide: PlaceRequestFollowUp,
      inject: [EVENT_STORE, StreamStateCache],
      useFactory: (store: EventStore, cache: StreamStateCache) => new PlaceRequestFollowUp(store, cache),
    },
  ],
  exports: [StreamStateCache, RegisteredOrganisations, PlaceRequestFollowUp],
})
export class CommandPathModule {}
