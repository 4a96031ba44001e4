import { Module } from '@nestjs/common';
import { CancelPlaceRequestHandler } from './cancel-place-request/cancel-place-request.handler';
import { CancelPlaceRequestController } from './cancel-place-request/cancel-place-request.http.controller';
import { GetPlaceRequestHandler } from './get-place-request/get-place-request.handler';
import { GetPlaceRequestController } from './get-place-request/get-place-request.http.controller';
import { MakePlaceRequestHandler } from './make-place-request/make-place-request.handler';
import { MakePlaceRequestController } from './make-place-request/make-place-request.http.controller';

/**
 * A request for a place sent to several shelters at once: made, read and cancelled by its sender.
 * Its acceptance is a referral's (apps/api/src/referrals/accept-referral/accept-placement.ts).
 */
@Module({
  controllers: [MakePlaceRequestController, GetPlaceRequestController, CancelPlaceRequestController],
  providers: [MakePlaceRequestHandler, GetPlaceRequestHandler, CancelPlaceRequestHandler],
})
export class PlaceRequestsModule {}
