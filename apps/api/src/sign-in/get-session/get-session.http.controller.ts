import { Controller, Get, Header } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentSession, Roles } from '@passerelle/auth';
import { PERSON_ROLES, type Actor } from '@passerelle/domain';
import { GetSessionQuery } from './get-session.query';
import { SESSION, SESSION_EXAMPLE } from '../sign-in.response';
import { Operation } from '@passerelle/http';

@ApiTags('sign-in')
@Controller('auth/session')
export class GetSessionController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles(...PERSON_ROLES)
  @Header('Cache-Control', 'no-store')
  @Operation('getSession', {
    summary: 'The signed-in person and her session’s CSRF token (401 once the session has ended)',
    responses: [{ status: 200, description: 'Her session', body: SESSION, example: SESSION_EXAMPLE }],
    security: 'session',
  })
  session(@CurrentActor() actor: Actor, @CurrentSession() session: { csrfToken: string; expiresAt: string } | undefined) {
    return this.queries.execute(new GetSessionQuery(actor, session));
  }
}
