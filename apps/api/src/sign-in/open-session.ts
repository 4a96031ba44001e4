import { Injectable } from '@nestjs/common';
import { PeopleStore, SessionCookie, SessionStore, type SignedIn } from '@passerelle/auth';

/** A new server-side session for a person who just proved who she is, as the cookie and body a sign-in answers. */
@Injectable()
export class SessionOpener {
  constructor(
    private readonly sessions: SessionStore,
    private readonly cookie: SessionCookie,
    private readonly people: PeopleStore,
  ) {}

  async open(personId: string): Promise<SignedIn> {
    const person = await this.people.find(personId);
    if (person?.status !== 'active') throw new Error('a session was asked for a person who is not active');
    const session = await this.sessions.create(personId);
    return {
      setCookie: this.cookie.set(session.token, this.sessions.settings.absoluteMs),
      body: {
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt,
        personId,
        role: person.role,
        organisationId: person.organisationId,
      },
    };
  }
}
