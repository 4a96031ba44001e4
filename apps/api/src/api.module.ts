import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthGuard } from '@passerelle/auth';
import { READ_MODEL } from '@passerelle/database';
import { IdempotencyInterceptor, ProblemFilter } from '@passerelle/http';
import { OperationsModule } from '@passerelle/observability';
import { DirectoryQuery, InboxQuery } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { accessLogStoreProvider } from './cases/access-log/access-log.provider';
import { GetAccessLogController } from './cases/access-log/get-access-log.http.controller';
import { GetAccessLogHandler } from './cases/access-log/get-access-log.handler';
import { ErasePersonController } from './cases/erase-person/erase-person.http.controller';
import { ErasePersonHandler } from './cases/erase-person/erase-person.handler';
import { GetCaseController } from './cases/get-case/get-case.http.controller';
import { GetCaseHandler } from './cases/get-case/get-case.handler';
import { GrantConsentController } from './cases/grant-consent/grant-consent.http.controller';
import { GrantConsentHandler } from './cases/grant-consent/grant-consent.handler';
import { IdentifyPersonController } from './cases/identify-person/identify-person.http.controller';
import { IdentifyPersonHandler } from './cases/identify-person/identify-person.handler';
import { WithdrawConsentController } from './cases/withdraw-consent/withdraw-consent.http.controller';
import { WithdrawConsentHandler } from './cases/withdraw-consent/withdraw-consent.handler';
import { ConsoleModule } from './console/console.module';
import { CoordinationModule } from './coordination/coordination.module';
import { ResearchModule } from './research/research.module';
import { GetInboxController } from './inbox/get-inbox/get-inbox.http.controller';
import { GetInboxHandler } from './inbox/get-inbox/get-inbox.handler';
import { DeclareCapacityController } from './organisations/declare-capacity/declare-capacity.http.controller';
import { DeclareCapacityHandler } from './organisations/declare-capacity/declare-capacity.handler';
import { IssueApiKeyController } from './organisations/issue-api-key/issue-api-key.http.controller';
import { ListOrganisationsController } from './organisations/list-organisations/list-organisations.http.controller';
import { RegisterOrganisationController } from './organisations/register-organisation/register-organisation.http.controller';
import { RegisterOrganisationHandler } from './organisations/register-organisation/register-organisation.handler';
import { AcceptReferralController } from './referrals/accept-referral/accept-referral.http.controller';
import { AcceptReferralHandler } from './referrals/accept-referral/accept-referral.handler';
import { CloseReferralController } from './referrals/close-referral/close-referral.http.controller';
import { CloseReferralHandler } from './referrals/close-referral/close-referral.handler';
import { DeclineReferralController } from './referrals/decline-referral/decline-referral.http.controller';
import { DeclineReferralHandler } from './referrals/decline-referral/decline-referral.handler';
import { GetReferralController } from './referrals/get-referral/get-referral.http.controller';
import { GetReferralHandler } from './referrals/get-referral/get-referral.handler';
import { MakeReferralController } from './referrals/make-referral/make-referral.http.controller';
import { MakeReferralHandler } from './referrals/make-referral/make-referral.handler';
import { WithdrawReferralController } from './referrals/withdraw-referral/withdraw-referral.http.controller';
import { WithdrawReferralHandler } from './referrals/withdraw-referral/withdraw-referral.handler';
import { PersonAccessService } from './shared/person-access';
import { WebhooksApiModule } from './webhooks/webhooks.module';
import { MoveReferral } from './referrals/move-referral';
import { CommandPathModule } from './shared/command-path.module';

/**
 * The HTTP API (routes in README.md): thin controllers → CommandBus/QueryBus → one handler per use case.
 * Every route is denied unless it is @Public() or names its @Roles() (AuthGuard is global).
 */
@Module({
  imports: [CqrsModule.forRoot(), CommandPathModule, OperationsModule, WebhooksApiModule, CoordinationModule, ResearchModule, ConsoleModule],
  controllers: [
    RegisterOrganisationController, ListOrganisationsController, DeclareCapacityController, IssueApiKeyController,
    IdentifyPersonController, GetCaseController, GrantConsentController, WithdrawConsentController, ErasePersonController,
    GetAccessLogController,
    MakeReferralController, GetReferralController, AcceptReferralController, DeclineReferralController,
    WithdrawReferralController, CloseReferralController,
    GetInboxController,
  ],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
    { provide: APP_FILTER, useClass: ProblemFilter },
    { provide: InboxQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new InboxQuery(readModel) },
    { provide: DirectoryQuery, inject: [READ_MODEL], useFactory: (readModel: DataSource) => new DirectoryQuery(readModel) },
    PersonAccessService,
    MoveReferral, accessLogStoreProvider, GetAccessLogHandler,
    RegisterOrganisationHandler, DeclareCapacityHandler,
    IdentifyPersonHandler, GetCaseHandler, GrantConsentHandler, WithdrawConsentHandler, ErasePersonHandler,
    MakeReferralHandler, GetReferralHandler, AcceptReferralHandler, DeclineReferralHandler, WithdrawReferralHandler, CloseReferralHandler,
    GetInboxHandler,
  ],
})
export class ApiModule {}
