import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { READ_MODEL } from '@passerelle/database';
import {
  CoordinationCapacityQuery,
  CoordinationFunnelQuery,
  CoordinationGapsQuery,
  CoordinationPlaceRequestsQuery,
} from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { GetCapacityHandler } from './get-capacity/get-capacity.handler';
import { GetCapacityController } from './get-capacity/get-capacity.http.controller';
import { GetFunnelHandler } from './get-funnel/get-funnel.handler';
import { GetFunnelController } from './get-funnel/get-funnel.http.controller';
import { GetGapsHandler } from './get-gaps/get-gaps.handler';
import { GetGapsController } from './get-gaps/get-gaps.http.controller';
import { GetPlaceRequestsHandler } from './get-place-requests/get-place-requests.handler';
import { GetPlaceRequestsController } from './get-place-requests/get-place-requests.http.controller';

const onReadModel = <T>(Query: new (dataSource: DataSource) => T) => ({
  provide: Query,
  inject: [READ_MODEL],
  useFactory: (readModel: DataSource) => new Query(readModel),
});

/**
 * The coordinator's network views: counts and organisation-level figures, never a person. Each
 * route is a controller → QueryBus → handler slice over the coordination read model.
 */
@Module({
  imports: [CqrsModule],
  controllers: [GetFunnelController, GetGapsController, GetCapacityController, GetPlaceRequestsController],
  providers: [
    onReadModel(CoordinationFunnelQuery),
    onReadModel(CoordinationGapsQuery),
    onReadModel(CoordinationCapacityQuery),
    onReadModel(CoordinationPlaceRequestsQuery),
    GetFunnelHandler,
    GetGapsHandler,
    GetCapacityHandler,
    GetPlaceRequestsHandler,
  ],
})
export class CoordinationModule {}
