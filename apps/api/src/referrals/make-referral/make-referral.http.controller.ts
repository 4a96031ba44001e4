import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { HiddenFromNetworkAdmin, Roles } from '@passerelle/auth';
import { ORGANISATION_ACTING_ROLES } from '@passerelle/domain';
import { Context, type CommandContext } from '../../shared/command-context';
import { MakeReferralCommand } from './make-referral.command';
import { MakeReferralRequest } from './make-referral.request.dto';
import { REFERRAL_MOVED, referralMovedExample } from '../referrals.response';
import { Operation } from '@passerelle/http';

@ApiTags('referrals')
@HiddenFromNetworkAdmin()
@Controller('v1/referrals')
export class MakeReferralController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles(...ORGANISATION_ACTING_ROLES)
  @Operation('makeReferral', {
    summary: 'Refer her to a partner for a service, sharing the categories of her data her consent covers',
    responses: [{ status: 201, description: 'The referral is made', body: REFERRAL_MOVED, example: referralMovedExample('referred') }],
    problems: [404, 409, 422],
    idempotent: true,
  })
  refer(@Body() body: MakeReferralRequest, @Context() context: CommandContext) {
    return this.commands.execute(
      new MakeReferralCommand(
        {
          caseId: body.caseId,
          to: body.to,
          service: body.service,
          urgency: body.urgency,
          sharedCategories: body.sharedCategories,
          message: body.message ?? null,
          respondBy: body.respondBy ?? null,
        },
        context,
      ),
    );
  }
}
