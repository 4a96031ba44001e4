import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthGuard } from '@passerelle/auth';
import { IdempotencyGuard, ProblemFilter, RateLimitGuard, RateLimitModule } from '@passerelle/http';
import { OperationsModule } from '@passerelle/observability';
import { CasesModule } from './cases/cases.module';
import { ConsoleModule } from './console/console.module';
import { CoordinationModule } from './coordination/coordination.module';
import { DirectoryModule } from './directory/directory.module';
import { FhirModule } from './fhir/fhir.module';
import { InboxModule } from './inbox/inbox.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PeopleModule } from './people/people.module';
import { SignInModule } from './sign-in/sign-in.module';
import { PlaceRequestsModule } from './place-requests/place-requests.module';
import { ReferralsModule } from './referrals/referrals.module';
import { ResearchModule } from './research/research.module';
import { CommandPathModule } from './shared/command-path.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/**
 * The HTTP API (routes in README.md): one module per feature, each with its controllers → CommandBus/QueryBus →
 * one handler per use case (docs/adr/0005-one-api-style.md names the few routes that skip the buses).
 * Every route is denied unless it is @Public() or names its @Roles() (AuthGuard is global); every /v1 request counts
 * against its key's and its address's rate limits first (libs/http/src/rate-limit).
 */
@Module({
  imports: [
    CqrsModule.forRoot(),
    RateLimitModule,
    CommandPathModule,
    OperationsModule,
    OrganisationsModule,
    PeopleModule,
    SignInModule,
    CasesModule,
    ReferralsModule,
    PlaceRequestsModule,
    InboxModule,
    WebhooksModule,
    CoordinationModule,
    ResearchModule,
    DirectoryModule,
    FhirModule,
    ConsoleModule,
  ],
  providers: [
    // Guards run in this order: the rate limits come before the key is checked, so guessing keys is
    // limited too; idempotency last, once the caller is known (a retry is recognised per caller).
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: IdempotencyGuard },
    { provide: APP_FILTER, useClass: ProblemFilter },
  ],
})
export class ApiModule {}
