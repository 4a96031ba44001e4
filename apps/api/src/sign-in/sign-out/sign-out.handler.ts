import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SessionCookie, SessionStore } from '@passerelle/auth';
import { SignOutCommand } from './sign-out.command';

/** The session ends in the table: its cookie, even copied elsewhere, is refused in every process within a second. */
@CommandHandler(SignOutCommand)
export class SignOutHandler implements ICommandHandler<SignOutCommand> {
  constructor(
    private readonly sessions: SessionStore,
    private readonly cookie: SessionCookie,
  ) {}

  async execute({ sessionId, personId, everywhere }: SignOutCommand) {
    if (everywhere) await this.sessions.revokeAllFor(personId);
    else await this.sessions.revoke(sessionId);
    return { setCookie: this.cookie.clear() };
  }
}
