import 'reflect-metadata';
import { exitOnStartFailure, OperationsModule, requireCrossProcessBus, runService } from '@passerelle/platform';
import { RelayModule } from './relay.module';

/**
 * The relay alone (`npm run start:relay`): publishes integration events to the bus from its
 * checkpoint. Alone, an in-process bus would publish to nobody, so it refuses BUS=inprocess.
 */
runService({ name: 'relay', imports: [RelayModule, OperationsModule], requires: [requireCrossProcessBus] })
  .catch(exitOnStartFailure('relay'));
