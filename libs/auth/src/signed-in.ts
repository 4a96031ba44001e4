import { problem, ProblemException } from '@passerelle/http';

/** What a successful sign-in answers: the session cookie to set, and a body for the page (never the cookie's value). */
export interface SignedIn {
  setCookie: string;
  body: { csrfToken: string; expiresAt: string; personId: string; role: string; organisationId: string };
}

/** Sets the cookie a handler produced and returns the body (controllers stay a mapping, docs/adr/0005-one-api-style.md). */
export function answerSignIn(response: { setHeader(name: string, value: string): unknown }, signedIn: SignedIn): SignedIn['body'] {
  response.setHeader('Set-Cookie', signedIn.setCookie);
  response.setHeader('Cache-Control', 'no-store');
  return signedIn.body;
}

/** One answer for every wrong e-mail, password, code or passkey: which one was wrong is not told. */
export const signInFailed = () =>
  new ProblemException(problem(401, 'SIGN_IN.FAILED', 'Sign-in failed', 'The e-mail address, the password or the code is wrong.'));

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new ProblemException(
    problem(
      429,
      'SIGN_IN.TOO_MANY_ATTEMPTS',
      'Too many attempts',
      `Too many failed attempts: wait ${retryAfterSeconds} s before trying again.`,
      {
        retryAfter: retryAfterSeconds,
      },
    ),
  );
