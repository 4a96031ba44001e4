import 'reflect-metadata';
import { InfrastructureModule } from '@passerelle/composition';
import { OperationsModule } from '@passerelle/observability';
import { exitOnStartFailure, requireCrossProcessBus, runService } from '@passerelle/runtime';
import { relayResources } from './relay.infrastructure';
import { RelayModule } from './relay.module';

/**
 * The relay alone (`npm run start:relay`): publishes integration events to the bus from its
 * checkpoint. Alone, an in-process bus would publish to nobody, so it refuses BUS=inprocess.
 */
runService({
  name: 'relay',
  infrastructure: (settings) => InfrastructureModule.forRoot(relayResources(settings)),
  imports: [RelayModule, OperationsModule],
  requires: [requireCrossProcessBus],
}).catch(exitOnStartFailure('relay'));
