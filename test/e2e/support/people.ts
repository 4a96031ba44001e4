import { authenticator } from 'otplib';
import type { TestNetwork } from './test-network';

/** A person signed in through the HTTP API: her cookie and CSRF token, as a browser holds them. */
export interface SignedInPerson {
  personId: string;
  email: string;
  password: string;
  totpSecret: string;
  cookie: string;
  csrf: string;
}

export const cookieOf = (setCookie: string[] | string | undefined): string => {
  const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (header ?? '').split(';')[0] ?? '';
};

/** The token in an invitation link (after `#invitation=`). */
export const tokenOf = (invitationUrl: string) => invitationUrl.split('#invitation=')[1] ?? '';

/** Opens the invitation and accepts it with a password and the TOTP code of the secret it gave. */
export async function acceptWithPassword(
  network: TestNetwork,
  invitationUrl: string,
  email: string,
  password = 'correct horse battery staple',
): Promise<SignedInPerson> {
  const token = tokenOf(invitationUrl);
  const started = await network.http().post('/auth/invitations/start').send({ token });
  if (started.status !== 200) throw new Error(`start invitation: ${started.status} ${started.text}`);
  const totp = started.body.totp as { challengeId: string; secret: string };
  const accepted = await network
    .http()
    .post('/auth/invitations/accept')
    .send({ token, method: 'password_totp', challengeId: totp.challengeId, password, code: authenticator.generate(totp.secret) });
  if (accepted.status !== 200) throw new Error(`accept invitation: ${accepted.status} ${accepted.text}`);
  return {
    personId: accepted.body.personId as string,
    email,
    password,
    totpSecret: totp.secret,
    cookie: cookieOf(accepted.headers['set-cookie'] as unknown as string[]),
    csrf: accepted.body.csrfToken as string,
  };
}

/** Headers of a browser request made by a signed-in person; `change` adds the CSRF token a state-changing call needs. */
export const as = (person: Pick<SignedInPerson, 'cookie' | 'csrf'>, change = false) => ({
  Cookie: person.cookie,
  ...(change ? { 'X-CSRF-Token': person.csrf } : {}),
});
