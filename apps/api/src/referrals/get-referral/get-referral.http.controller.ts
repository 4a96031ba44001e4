import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { type Actor, ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { CurrentActor, HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { GetReferralQuery } from './get-referral.query';
import { REFERRAL, REFERRAL_EXAMPLE } from '../referrals.response';
import { Operation, UUID, UuidPipe } from '@passerelle/http';

@ApiTags('referrals')
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class GetReferralController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('getReferral', {
    summary: 'A referral, for its sender or its receiver: her fields as far as consent lets this reader see them',
    responses: [{ status: 200, description: 'The referral', body: REFERRAL, example: REFERRAL_EXAMPLE }],
    problems: [404],
    path: { id: UUID },
  })
  get(@Param('id', UuidPipe) id: string, @CurrentActor() actor: Actor) {
    return this.queries.execute(new GetReferralQuery(id, actor, new Date()));
  }
}
