import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { InboxQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { GetAccessLogHandler } from './get-access-log/get-access-log.handler';
import { GetAccessLogController } from './get-access-log/get-access-log.http.controller';
import { ErasePersonHandler } from './erase-person/erase-person.handler';
import { ErasePersonController } from './erase-person/erase-person.http.controller';
import { GetCaseHandler } from './get-case/get-case.handler';
import { GetCaseController } from './get-case/get-case.http.controller';
import { GrantConsentHandler } from './grant-consent/grant-consent.handler';
import { GrantConsentController } from './grant-consent/grant-consent.http.controller';
import { IdentifyPersonHandler } from './identify-person/identify-person.handler';
import { IdentifyPersonController } from './identify-person/identify-person.http.controller';
import { PersonAccessModule } from './person-access.module';
import { WithdrawConsentHandler } from './withdraw-consent/withdraw-consent.handler';
import { WithdrawConsentController } from './withdraw-consent/withdraw-consent.http.controller';

/** Her case: identification, consent given and withdrawn, erasure, and who read her fields. */
@Module({
  imports: [PersonAccessModule],
  controllers: [
    IdentifyPersonController,
    GetCaseController,
    GrantConsentController,
    WithdrawConsentController,
    ErasePersonController,
    GetAccessLogController,
  ],
  providers: [
    // A referral's receiver sees her case: referrals to it are found through the inbox read model.
    { provide: InboxQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new InboxQuery(readModel) },
    IdentifyPersonHandler,
    GetCaseHandler,
    GrantConsentHandler,
    WithdrawConsentHandler,
    ErasePersonHandler,
    GetAccessLogHandler,
  ],
})
export class CasesModule {}
