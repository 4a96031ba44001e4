import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/platform';
import { CoordinationCapacityQuery, CoordinationFunnelQuery, CoordinationGapsQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { GetCapacityController } from './get-capacity/get-capacity.http.controller';
import { GetFunnelController } from './get-funnel/get-funnel.http.controller';
import { GetGapsController } from './get-gaps/get-gaps.http.controller';

const onReadModel = <T>(Query: new (dataSource: DataSource) => T) => ({ provide: Query, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new Query(readModel) });

/** The coordinator's network views (DESIGN §6): counts and organisation-level figures, never a person. */
@Module({
  controllers: [GetFunnelController, GetGapsController, GetCapacityController],
  providers: [onReadModel(CoordinationFunnelQuery), onReadModel(CoordinationGapsQuery), onReadModel(CoordinationCapacityQuery)],
})
export class CoordinationModule {}
