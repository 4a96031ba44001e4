import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { InboxQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { PersonAccessModule } from '../cases/person-access.module';
import { GetInboxHandler } from './get-inbox/get-inbox.handler';
import { GetInboxController } from './get-inbox/get-inbox.http.controller';

/** A partner's inbox of referrals received and sent, over the inbox read model. */
@Module({
  imports: [PersonAccessModule],
  controllers: [GetInboxController],
  providers: [
    { provide: InboxQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new InboxQuery(readModel) },
    GetInboxHandler,
  ],
})
export class InboxModule {}
