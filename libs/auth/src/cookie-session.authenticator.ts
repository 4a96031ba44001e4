import type { Actor } from '@passerelle/domain';
import { problem, ProblemException } from '@passerelle/http';
import type { Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { SessionAuthenticator } from './auth.guard';
import type { SessionStore } from './session.store';

/** The header every state-changing call made with a session must carry (the value GET /auth/session returns). */
export const CSRF_HEADER = 'x-csrf-token';
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The session of a request, for sign-out: set by the authenticator next to `actor`. */
export interface SessionRequest {
  session?: { sessionId: string; csrfToken: string; expiresAt: string };
}

/**
 * The session cookie. `__Host-` (Secure, Path=/, no Domain: no subdomain can set or read it) when
 * the public URL is https; on a loopback http origin (the embedded default, tests) a plain name,
 * as browsers refuse Secure cookies there. HttpOnly (no script reads it), SameSite=Strict (no other
 * site's page sends it).
 */
export class SessionCookie {
  readonly secure: boolean;
  readonly name: string;

  constructor(readonly origin: string) {
    this.secure = origin.startsWith('https://');
    this.name = this.secure ? '__Host-passerelle_session' : 'passerelle_session';
  }

  set(token: string, maxAgeMs: number): string {
    return `${this.name}=${token}; Path=/; HttpOnly; SameSite=Strict${this.secure ? '; Secure' : ''}; Max-Age=${Math.floor(maxAgeMs / 1000)}`;
  }

  clear(): string {
    return `${this.name}=; Path=/; HttpOnly; SameSite=Strict${this.secure ? '; Secure' : ''}; Max-Age=0`;
  }

  read(request: Request): string | null {
    return readCookie(request.headers.cookie, this.name);
  }
}

export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

const csrfRefused = (detail: string) => new ProblemException(problem(403, 'AUTH.CSRF', 'Request refused', detail));

/**
 * A signed-in person's requests: the session cookie names her; a state-changing call must also
 * carry the session's CSRF token in `X-CSRF-Token` (a page of another site can make her browser
 * send the cookie, never read the token), and, when the browser says where it comes from, come
 * from our own origin.
 */
export class CookieSessionAuthenticator implements SessionAuthenticator {
  constructor(
    private readonly sessions: SessionStore,
    private readonly cookie: SessionCookie,
  ) {}

  async authenticate(request: Request & SessionRequest): Promise<Omit<Actor, 'organisationKind'> | null> {
    const token = this.cookie.read(request);
    if (!token) return null;
    const session = await this.sessions.authenticate(token);
    if (!session) return null;
    if (STATE_CHANGING.has(request.method)) {
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== this.cookie.origin) throw csrfRefused('This request comes from another site.');
      const sent = request.headers[CSRF_HEADER];
      const expected = Buffer.from(session.csrfToken);
      if (typeof sent !== 'string' || sent.length !== expected.length || !timingSafeEqual(Buffer.from(sent), expected)) {
        throw csrfRefused('Send the X-CSRF-Token header given by GET /auth/session with every change.');
      }
    }
    request.session = { sessionId: session.sessionId, csrfToken: session.csrfToken, expiresAt: new Date(session.expiresAt).toISOString() };
    return { organisationId: session.organisationId, role: session.role, keyId: null, personId: session.personId };
  }
}
