import type { LoggerService } from '@nestjs/common';
import { authenticator } from 'otplib';
import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { as, acceptWithPassword, cookieOf, tokenOf, type SignedInPerson } from './support/people';
import { startTestNetwork, type TestNetwork } from './support/test-network';

async function heldWithin(ms: number, check: () => Promise<boolean>): Promise<boolean> {
  const start = Date.now();
  while (Date.now() - start <= ms) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

/** Every line the application logs, at every level, to search for secrets. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
  error = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
  warn = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
  debug = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
  verbose = (...args: unknown[]) => void this.lines.push(JSON.stringify(args));
}

/**
 * People, not shared keys (issue 11), over HTTP: the network admin onboards the refuge and invites
 * its first org_admin; she accepts with a password and TOTP, takes over (the network admin can no
 * longer issue the refuge's credentials), invites a caseworker who works a referral under her own
 * name; sessions end on sign-out and on removal, in a second process within a second.
 */
describe('people, sign-in and sessions', () => {
  const logger = new CapturingLogger();
  let network: TestNetwork;
  let second: TestNetwork;
  let ngo: Partner;
  let orgAdmin: SignedInPerson;
  let caseworker: SignedInPerson;
  let referralId: string;
  let caseId: string;
  const admin = () => ({ Authorization: `Bearer ${network.adminKey}` });
  const secrets: string[] = [];

  beforeAll(async () => {
    network = await startTestNetwork({}, { logger });
    second = await startTestNetwork({ ...network.settings }, { database: network.database, logger });
    ngo = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    const registered = await network
      .http()
      .post('/v1/organisations')
      .set(admin())
      .send({ id: 'refuge-75', name: 'Refuge 75', kind: 'refuge', department: '75', services: ['shelter', 'specialised_shelter'] });
    expect(registered.status).toBe(201);
  });
  afterAll(async () => {
    await second.close();
    await network.close();
  });

  it('lets the network admin invite the refuge’s first org_admin, with a one-time link', async () => {
    const invited = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set(admin())
      .send({ email: 'Lea.Admin@refuge.example', role: 'org_admin' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({
      invitationId: expect.any(String),
      personId: expect.any(String),
      role: 'org_admin',
      invitationUrl: expect.stringMatching(/\/console\/#invitation=pinv_/),
    });
    secrets.push(tokenOf(invited.body.invitationUrl as string));
    const caseworkerByAdmin = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set(admin())
      .send({ email: 'x@refuge.example', role: 'caseworker' });
    expect(caseworkerByAdmin.body).toMatchObject({ status: 403, code: 'AUTH.ORG_ADMIN_ONLY' });

    orgAdmin = await acceptWithPassword(network, invited.body.invitationUrl as string, 'lea.admin@refuge.example');
    secrets.push(orgAdmin.cookie.split('=')[1] ?? '', orgAdmin.csrf, orgAdmin.password, orgAdmin.totpSecret);
    expect(orgAdmin.cookie).toMatch(/^passerelle_session=/);
    const session = await network.http().get('/auth/session').set(as(orgAdmin));
    expect(session.body).toMatchObject({
      role: 'org_admin',
      organisationId: 'refuge-75',
      email: 'lea.admin@refuge.example',
      csrfToken: orgAdmin.csrf,
    });
    const me = await network.http().get('/v1/me').set(as(orgAdmin));
    expect(me.body).toMatchObject({
      principal: 'person',
      role: 'org_admin',
      personId: orgAdmin.personId,
      name: 'lea.admin@refuge.example',
    });
  });

  it('sets the session cookie HttpOnly and SameSite, not Secure on a loopback origin', async () => {
    const options = await network
      .http()
      .post('/auth/password/sign-in')
      .send({ email: orgAdmin.email, password: orgAdmin.password, code: authenticator.generate(orgAdmin.totpSecret) });
    expect(options.status).toBe(200);
    const header = (options.headers['set-cookie'] as unknown as string[])[0] ?? '';
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).not.toMatch(/Secure/);
    secrets.push(cookieOf(header).split('=')[1] ?? '');
  });

  it('refuses a reused invitation', async () => {
    const again = await network.http().post('/auth/invitations/start').send({ token: secrets[0] });
    expect(again.body).toMatchObject({ status: 409, code: 'INVITATION.ALREADY_USED' });
  });

  it('hands the refuge’s credentials to its org_admin: the network admin is refused from now on', async () => {
    const byNetworkAdmin = await network.http().post('/v1/organisations/refuge-75/api-keys').set(admin()).send({ role: 'partner' });
    expect(byNetworkAdmin.body).toMatchObject({ status: 403, code: 'AUTH.ORGANISATION_HAS_ADMIN' });
    expect(
      (await network.http().post('/v1/organisations/refuge-75/members').set(admin()).send({ email: 'y@refuge.example', role: 'org_admin' }))
        .status,
    ).toBe(403);
    expect((await network.http().get('/v1/organisations/refuge-75/api-keys').set(admin())).status).toBe(403);

    const issued = await network
      .http()
      .post('/v1/organisations/refuge-75/api-keys')
      .set(as(orgAdmin, true))
      .send({ role: 'partner', label: 'case system' });
    expect(issued.status).toBe(201);
    const listed = await network.http().get('/v1/organisations/refuge-75/api-keys').set(as(orgAdmin));
    expect(listed.body.items).toEqual([
      expect.objectContaining({ id: issued.body.id, label: 'case system', createdBy: `person:${orgAdmin.personId}` }),
    ]);
  });

  it('refuses a state-changing call made with the session but without its CSRF token, or from another origin', async () => {
    const noToken = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set(as(orgAdmin))
      .send({ email: 'z@refuge.example', role: 'caseworker' });
    expect(noToken.body).toMatchObject({ status: 403, code: 'AUTH.CSRF' });
    const wrongToken = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set({ ...as(orgAdmin), 'X-CSRF-Token': 'x'.repeat(43) })
      .send({ email: 'z@refuge.example', role: 'caseworker' });
    expect(wrongToken.body).toMatchObject({ status: 403, code: 'AUTH.CSRF' });
    const otherOrigin = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set({ ...as(orgAdmin, true), Origin: 'https://evil.example' })
      .send({ email: 'z@refuge.example', role: 'caseworker' });
    expect(otherOrigin.body).toMatchObject({ status: 403, code: 'AUTH.CSRF' });
    expect((await network.http().get('/v1/organisations/refuge-75/members').set(as(orgAdmin))).body.items).toHaveLength(1);
  });

  it('lets the org_admin invite a caseworker, who works a referral under her own name', async () => {
    const invited = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set(as(orgAdmin, true))
      .send({ email: 'awa.caseworker@refuge.example', role: 'caseworker' });
    expect(invited.status).toBe(201);
    caseworker = await acceptWithPassword(network, invited.body.invitationUrl as string, 'awa.caseworker@refuge.example');
    secrets.push(tokenOf(invited.body.invitationUrl as string), caseworker.cookie.split('=')[1] ?? '', caseworker.csrf);

    ({ caseId } = (
      await network
        .http()
        .post('/v1/cases')
        .set(auth(ngo))
        .send(identifyBody(['refuge-75']))
    ).body as { caseId: string });
    const referred = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'urgent', sharedCategories: ['identity'] });
    referralId = referred.body.referralId as string;
    const inbox = await network
      .http()
      .get(`/v1/inbox?direction=received&minPosition=${referred.body.position as string}`)
      .set(as(caseworker));
    expect(inbox.body.items).toEqual([expect.objectContaining({ referralId, person: expect.objectContaining({ givenName: 'Awa' }) })]);
    const accepted = await network.http().post(`/v1/referrals/${referralId}/acceptance`).set(as(caseworker, true)).send({ note: 'Room 4' });
    expect(accepted.status).toBe(200);
    // An org_admin manages people and keys, and nothing else.
    expect((await network.http().get('/v1/inbox').set(as(orgAdmin))).status).toBe(403);
  });

  it('names the caseworker in the holder’s access log, and shows her org_admin what she opened and did', async () => {
    const log = await network.http().get(`/v1/cases/${caseId}/access-log`).set(auth(ngo));
    expect(log.status).toBe(200);
    expect(log.body.entries[0]).toMatchObject({ organisationId: 'refuge-75', personId: caseworker.personId, keyId: null, via: 'inbox' });

    const activity = await network.http().get(`/v1/organisations/refuge-75/members/${caseworker.personId}/activity`).set(as(orgAdmin));
    expect(activity.status).toBe(200);
    expect(activity.body.reads).toEqual([expect.objectContaining({ caseId, via: 'inbox', categories: ['identity'] })]);
    await heldWithin(5000, async () => {
      const again = await network.http().get(`/v1/organisations/refuge-75/members/${caseworker.personId}/activity`).set(as(orgAdmin));
      return (again.body.events as { type: string }[]).some((e) => e.type === 'ReferralAccepted');
    });
    const later = await network.http().get(`/v1/organisations/refuge-75/members/${caseworker.personId}/activity`).set(as(orgAdmin));
    expect(later.body.events.map((e: { type: string }) => e.type)).toEqual(['ReferralAccepted', 'MemberJoined']);
    expect(
      (await network.http().get(`/v1/organisations/refuge-75/members/${caseworker.personId}/activity`).set(as(caseworker))).status,
    ).toBe(403);
  });

  it('gives one answer for an unknown e-mail, a wrong password and a wrong code, and refuses a replayed code', async () => {
    const tries = [
      { email: 'nobody@refuge.example', password: caseworker.password, code: authenticator.generate(caseworker.totpSecret) },
      { email: caseworker.email, password: 'wrong password!!', code: authenticator.generate(caseworker.totpSecret) },
      { email: caseworker.email, password: caseworker.password, code: '000000' },
      { email: caseworker.email, password: caseworker.password, code: '' },
    ];
    const answers = await Promise.all(tries.map((body) => network.http().post('/auth/password/sign-in').send(body)));
    for (const answer of answers)
      expect({ status: answer.status, body: answer.body as unknown }).toEqual({ status: 401, body: answers[0]?.body as unknown });
    expect(answers[0]?.body).toMatchObject({ code: 'SIGN_IN.FAILED' });

    const code = authenticator.generate(caseworker.totpSecret);
    const first = await network
      .http()
      .post('/auth/password/sign-in')
      .send({ email: caseworker.email, password: caseworker.password, code });
    expect(first.status).toBe(200);
    secrets.push(cookieOf(first.headers['set-cookie']).split('=')[1] ?? '');
    const replayed = await network
      .http()
      .post('/auth/password/sign-in')
      .send({ email: caseworker.email, password: caseworker.password, code });
    expect(replayed.status).toBe(401);
  });

  it('rate-limits password and code guesses per account: 429 with Retry-After', async () => {
    const guess = () =>
      network.http().post('/auth/password/sign-in').send({ email: 'target@refuge.example', password: 'guess guess guess', code: '123456' });
    for (let i = 0; i < 5; i++) expect((await guess()).status).toBe(401);
    const blocked = await guess();
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ code: 'SIGN_IN.TOO_MANY_ATTEMPTS' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  /** A new colleague, signed in by accepting her invitation (one session, no TOTP step used yet). */
  const colleague = async (email: string) => {
    const invited = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set(as(orgAdmin, true))
      .send({ email, role: 'caseworker' });
    const person = await acceptWithPassword(network, invited.body.invitationUrl as string, email);
    secrets.push(tokenOf(invited.body.invitationUrl as string), person.cookie.split('=')[1] ?? '', person.csrf);
    return person;
  };

  it('refuses a session cookie after sign-out, in every process within a second', async () => {
    const person = await colleague('fatou@refuge.example');
    for (const process of [network, second]) expect((await process.http().get('/auth/session').set(as(person))).status).toBe(200);
    expect((await network.http().post('/auth/sign-out').set(as(person))).body).toMatchObject({ code: 'AUTH.CSRF' });
    const out = await network.http().post('/auth/sign-out').set(as(person, true));
    expect(out.status).toBe(204);
    expect(out.headers['set-cookie']?.[0]).toMatch(/Max-Age=0/);
    expect((await network.http().get('/auth/session').set(as(person))).status).toBe(401);
    expect(await heldWithin(1000, async () => (await second.http().get('/auth/session').set(as(person))).status === 401)).toBe(true);
  });

  it('signs a person out everywhere', async () => {
    const person = await colleague('mariam@refuge.example');
    const signedIn = await network
      .http()
      .post('/auth/password/sign-in')
      .send({ email: person.email, password: person.password, code: authenticator.generate(person.totpSecret) });
    expect(signedIn.status).toBe(200);
    const other = { cookie: cookieOf(signedIn.headers['set-cookie']), csrf: signedIn.body.csrfToken as string };
    secrets.push(other.cookie.split('=')[1] ?? '');
    expect((await network.http().post('/auth/sign-out-everywhere').set(as(other, true))).status).toBe(204);
    for (const session of [other, person]) expect((await network.http().get('/auth/session').set(as(session))).status).toBe(401);
    expect((await network.http().get('/auth/session').set(as(orgAdmin))).status).toBe(200);
  });

  it('refuses a removed member’s session within a second, in a second process too', async () => {
    const again = await network
      .http()
      .post('/auth/password/sign-in')
      .send({ email: orgAdmin.email, password: orgAdmin.password, code: authenticator.generate(orgAdmin.totpSecret) });
    if (again.status === 200)
      orgAdmin = {
        ...orgAdmin,
        cookie: cookieOf(again.headers['set-cookie']),
        csrf: again.body.csrfToken as string,
      };
    expect((await second.http().get('/v1/inbox').set(as(caseworker))).status).toBe(200);
    const removed = await network.http().delete(`/v1/organisations/refuge-75/members/${caseworker.personId}`).set(as(orgAdmin, true));
    expect(removed.status).toBe(204);
    expect((await network.http().get('/v1/inbox').set(as(caseworker))).status).toBe(401);
    expect(await heldWithin(1000, async () => (await second.http().get('/v1/inbox').set(as(caseworker))).status === 401)).toBe(true);
    const signIn = await network
      .http()
      .post('/auth/password/sign-in')
      .send({ email: caseworker.email, password: caseworker.password, code: authenticator.generate(caseworker.totpSecret) });
    expect(signIn.status).toBe(401);
    expect(
      (await network.http().get(`/v1/organisations/refuge-75/members/${caseworker.personId}/activity`).set(as(orgAdmin))).body.status,
    ).toBe('removed');
  });

  it('logs none of the secrets that would let someone sign in', () => {
    const logs = logger.lines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets.filter((s) => s.length >= 6)) expect(logs).not.toContain(secret);
  });
});
