import { Controller, Get, Header } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentSession, Roles } from '@passerelle/auth';
import { PERSON_ROLES, type Actor } from '@passerelle/domain';
import { GetSessionQuery } from './get-session.query';

@ApiTags('sign-in')
@Controller('auth/session')
export class GetSessionController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...PERSON_ROLES)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The signed-in person and her session’s CSRF token (401 once the session has ended)' })
  session(@CurrentActor() actor: Actor, @CurrentSession() session: { csrfToken: string; expiresAt: string } | undefined) {
    return this.queries.execute(new GetSessionQuery(actor, session));
  }
}
