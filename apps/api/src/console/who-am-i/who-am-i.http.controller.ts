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
  @ApiOperation({ summary: 'Who is calling: a person signed in or a machine key, with its role and organisation' })
  whoAmI(@CurrentActor() actor: Actor) {
    return this.queries.execute(new WhoAmIQuery(actor));
  }
}
