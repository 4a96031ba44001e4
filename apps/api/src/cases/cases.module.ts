import { Module } from '@nestjs/common';
import { READ_MODEL } from '@passerelle/database';
import { InboxQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { GetAccessLogHandler } from './get-access-log/get-access-log.handler';
import { GetAccessReportHandler } from './get-access-report/get-access-report.handler';
import { GetAccessReportController } from './get-access-report/get-access-report.http.controller';
import { GetConsentReceiptHandler } from './get-consent-receipt/get-consent-receipt.handler';
import { GetConsentReceiptController } from './get-consent-receipt/get-consent-receipt.http.controller';
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
import { ReferralReceivers } from './referral-receivers';
import { WithdrawConsentHandler } from './withdraw-consent/withdraw-consent.handler';
import { WithdrawConsentController } from './withdraw-consent/withdraw-consent.http.controller';

/** Her case: identification, consent given and withdrawn, erasure, who read her fields, and her receipt and access report. */
@Module({
  imports: [PersonAccessModule],
  controllers: [
    IdentifyPersonController,
    GetCaseController,
    GrantConsentController,
    WithdrawConsentController,
    ErasePersonController,
    GetAccessLogController,
    GetConsentReceiptController,
    GetAccessReportController,
  ],
  providers: [
    // A referral's receiver sees her case: referrals to it are found through the inbox read model.
    { provide: InboxQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new InboxQuery(readModel) },
    ReferralReceivers,
    IdentifyPersonHandler,
    GetCaseHandler,
    GrantConsentHandler,
    WithdrawConsentHandler,
    ErasePersonHandler,
    GetAccessLogHandler,
    GetConsentReceiptHandler,
    GetAccessReportHandler,
  ],
})
export class CasesModule {}
