import { Global, Module } from '@nestjs/common';
import { StreamStateCache } from '@passerelle/command-handling';
import { RegisteredOrganisations } from '../organisations/registered-organisations';

/**
 * What every command handler of this process shares: the folded stream states (one cache per
 * process, see libs/command-handling/src/stream-state-cache.ts) and the organisation lookup.
 */
@Global()
@Module({
  providers: [{ provide: StreamStateCache, useFactory: () => new StreamStateCache() }, RegisteredOrganisations],
  exports: [StreamStateCache, RegisteredOrganisations],
})
export class CommandPathModule {}
