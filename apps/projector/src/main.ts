import 'reflect-metadata';
import { InfrastructureModule } from '@passerelle/composition';
import { OperationsModule } from '@passerelle/observability';
import { exitOnStartFailure, runService } from '@passerelle/runtime';
import { projectorResources } from './projector.infrastructure';
import { ProjectorModule } from './projector.module';

/**
 * The projections alone (`npm run start:projector`): no API, only /health and /metrics on its
 * own PORT. Run as many instances as wanted: each projection has one leader at a time (an
 * advisory lock in PostgreSQL) and a follower takes over within seconds when the leader dies.
 */
runService({
  name: 'projector',
  infrastructure: (settings) => InfrastructureModule.forRoot(projectorResources(settings)),
  imports: [ProjectorModule, OperationsModule],
}).catch(exitOnStartFailure('projector'));
