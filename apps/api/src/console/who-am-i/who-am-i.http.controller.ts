import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ROLES, type Actor } from '@passerelle/domain';
import { WhoAmIQuery } from './who-am-i.query';

@ApiTags('keys')
@ApiBearerAuth()
@Controller('v1/me')
export class WhoAmIController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The role and organisation of the calling key' })
  whoAmI(@CurrentActor() actor: Actor) {
    return this.queries.execute(new WhoAmIQuery(actor));
  }
}
