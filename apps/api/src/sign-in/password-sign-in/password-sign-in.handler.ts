import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  CredentialStore,
  normaliseEmail,
  PeopleStore,
  SignInThrottle,
  signInFailed,
  tooManyAttempts,
  type SignedIn,
} from '@passerelle/auth';
import { SessionOpener } from '../open-session';
import { PasswordSignInCommand } from './password-sign-in.command';

/**
 * The fallback for a device that cannot hold a passkey: password and TOTP code together, never a
 * password alone. Unknown e-mail, wrong password and wrong code give the same 401 after the same
 * work (an argon2 verification), so the answer tells nobody whether an address has an account.
 * Failures are counted per account and per address; past the limit, 429 with Retry-After.
 */
@CommandHandler(PasswordSignInCommand)
export class PasswordSignInHandler implements ICommandHandler<PasswordSignInCommand> {
  constructor(
    private readonly people: PeopleStore,
    private readonly credentials: CredentialStore,
    private readonly throttle: SignInThrottle,
    private readonly sessions: SessionOpener,
  ) {}

  async execute({ email, password, code, ip }: PasswordSignInCommand): Promise<SignedIn> {
    const account = normaliseEmail(email);
    const wait = await this.throttle.blockedFor(account, ip);
    if (wait !== null) throw tooManyAttempts(wait);
    const person = await this.people.findByEmail(account);
    const active = person?.status === 'active' ? person.personId : null;
    if (!(await this.credentials.verifyPasswordAndCode(active, password, code))) {
      await this.throttle.failed(account, ip);
      throw signInFailed();
    }
    await this.throttle.succeeded(account);
    return this.sessions.open(active ?? '');
  }
}
