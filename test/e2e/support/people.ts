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
    cookie: cookieOf(accepted.headers['set-cookie']),
    csrf: accepted.body.csrfToken as string,
  };
}

/** Headers of a browser request made by a signed-in person; `change` adds the CSRF token a state-changing call needs. */
export const as = (person: Pick<SignedInPerson, 'cookie' | 'csrf'>, change = false) => ({
  Cookie: person.cookie,
  ...(change ? { 'X-CSRF-Token': person.csrf } : {}),
});

const adminHeaders = (network: TestNetwork) => ({ Authorization: `Bearer ${network.adminKey}` });
let sequence = 0;

/**
 * A person of `organisationId` with `role`, signed in through the HTTP API: a network role joins
 * the network's own organisation (invited by the network admin); a caseworker is invited by her
 * organisation's org_admin, herself invited by the network admin while onboarding.
 */
export async function personOf(
  network: TestNetwork,
  organisationId: string,
  role: 'caseworker' | 'org_admin' | 'coordinator' | 'researcher' | 'network_admin',
  email = `${role}-${++sequence}@${organisationId}.example`,
): Promise<SignedInPerson> {
  const invite = async (headers: Record<string, string>, who: string, as_: string) => {
    const invited = await network.http().post(`/v1/organisations/${organisationId}/members`).set(headers).send({ email: who, role: as_ });
    if (invited.status !== 201) throw new Error(`invite ${who}: ${invited.status} ${invited.text}`);
    return acceptWithPassword(network, invited.body.invitationUrl as string, who);
  };
  if (organisationId === 'passerelle' || role === 'org_admin') return invite(adminHeaders(network), email, role);
  const orgAdmin = await invite(adminHeaders(network), `org-admin-${++sequence}@${organisationId}.example`, 'org_admin');
  return invite(as(orgAdmin, true), email, role);
}
