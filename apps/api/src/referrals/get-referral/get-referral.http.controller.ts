import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/auth';
import { GetReferralQuery } from './get-referral.query';

@ApiTags('referrals')
@ApiBearerAuth()
@Controller('v1/referrals')
export class GetReferralController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('partner')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetReferralQuery(id, actor, new Date()));
  }
}
