import { Module } from '@nestjs/common';
import { PersonAccessModule } from '../cases/person-access.module';
import { AcceptPlacement } from './accept-referral/accept-placement';
import { AcceptReferralHandler } from './accept-referral/accept-referral.handler';
import { AcceptReferralController } from './accept-referral/accept-referral.http.controller';
import { CloseReferralHandler } from './close-referral/close-referral.handler';
import { CloseReferralController } from './close-referral/close-referral.http.controller';
import { DeclineReferralHandler } from './decline-referral/decline-referral.handler';
import { DeclineReferralController } from './decline-referral/decline-referral.http.controller';
import { GetReferralHandler } from './get-referral/get-referral.handler';
import { GetReferralController } from './get-referral/get-referral.http.controller';
import { MakeReferralHandler } from './make-referral/make-referral.handler';
import { MakeReferralController } from './make-referral/make-referral.http.controller';
import { MoveReferral } from './move-referral';
import { WithdrawReferralHandler } from './withdraw-referral/withdraw-referral.handler';
import { WithdrawReferralController } from './withdraw-referral/withdraw-referral.http.controller';

/** A referral from one partner to another: made, accepted or declined, withdrawn, closed; and read by its two parties. */
@Module({
  imports: [PersonAccessModule],
  controllers: [
    MakeReferralController,
    GetReferralController,
    AcceptReferralController,
    DeclineReferralController,
    WithdrawReferralController,
    CloseReferralController,
  ],
  providers: [
    MoveReferral,
    AcceptPlacement,
    MakeReferralHandler,
    GetReferralHandler,
    AcceptReferralHandler,
    DeclineReferralHandler,
    WithdrawReferralHandler,
    CloseReferralHandler,
  ],
})
export class ReferralsModule {}
