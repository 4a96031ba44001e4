import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentSession, Roles } from '@passerelle/auth';
import { PERSON_ROLES, type Actor } from '@passerelle/domain';
import { SignOutCommand } from './sign-out.command';
import { Operation } from '@passerelle/http';

type Response = { setHeader(name: string, value: string): unknown };

@ApiTags('sign-in')
@Controller('auth')
export class SignOutController {
  constructor(private readonly commands: CommandBus) {}

  @Post('sign-out')
  @HttpCode(204)
  @Roles(...PERSON_ROLES)
  @Operation('signOut', {
    summary: 'End this session (CSRF token required)',
    responses: [{ status: 204, description: 'The session is over; the cookie is cleared' }],
    security: 'session',
  })
  async signOut(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: { sessionId: string } | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.end(actor, session, false, response);
  }

  @Post('sign-out-everywhere')
  @HttpCode(204)
  @Roles(...PERSON_ROLES)
  @Operation('signOutEverywhere', {
    summary: 'End every session of hers, on every device (CSRF token required)',
    responses: [{ status: 204, description: 'Her sessions are over; the cookie is cleared' }],
    security: 'session',
  })
  async signOutEverywhere(
    @CurrentActor() actor: Actor,
    @CurrentSession() session: { sessionId: string } | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    await this.end(actor, session, true, response);
  }

  private async end(actor: Actor, session: { sessionId: string } | undefined, everywhere: boolean, response: Response): Promise<void> {
    const { setCookie } = await this.commands.execute<SignOutCommand, { setCookie: string }>(
      new SignOutCommand(session?.sessionId ?? '', actor.personId ?? '', everywhere),
    );
    response.setHeader('Set-Cookie', setCookie);
  }
}
