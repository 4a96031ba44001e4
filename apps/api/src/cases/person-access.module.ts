import { Module } from '@nestjs/common';
import { AccessLogStore } from '@passerelle/privacy';
import { PersonAccessService } from '../shared/person-access';
import { accessLogStoreProvider } from './access-log.provider';

/**
 * Opening her personal fields, and the access log that records every such read. Cases, referrals
 * and the inbox all show her fields, so they import this one module: one place decides what a
 * partner sees (apps/api/src/shared/person-access.ts), one store writes the log.
 */
@Module({
  providers: [PersonAccessService, accessLogStoreProvider],
  exports: [PersonAccessService, AccessLogStore],
})
export class PersonAccessModule {}
