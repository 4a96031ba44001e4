import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@passerelle/auth';
import { ROLES, type Actor } from '@passerelle/domain';
import { WhoAmIQuery } from './who-am-i.query';
import { WHO_AM_I, WHO_AM_I_EXAMPLE } from '../console.response';
import { Operation } from '@passerelle/http';

@ApiTags('keys')
@Controller('v1/me')
export class WhoAmIController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...ROLES)
  @Operation('whoAmI', {
    summary: 'Who is calling: a person signed in or a machine key, with its role and organisation',
    responses: [{ status: 200, description: 'The caller', body: WHO_AM_I, example: WHO_AM_I_EXAMPLE }],
  })
  whoAmI(@CurrentActor() actor: Actor) {
    return this.queries.execute(new WhoAmIQuery(actor));
  }
}
