import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { GetReferralQuery } from './get-referral.query';

@ApiTags('referrals')
@ApiBearerAuth()
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class GetReferralController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetReferralQuery(id, actor, new Date()));
  }
}
