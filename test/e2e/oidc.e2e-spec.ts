import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { as, tokenOf } from './support/people';
import { freePort, RedirectFollower, startTestProvider, type TestProvider } from './support/oidc';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const CLIENT = { client_id: 'passerelle', client_secret: 'passerelle-test-secret-0123456789' };

/**
 * Sign-in through an organisation's identity provider (issue 11, item 2) against a real OpenID
 * Provider on a loopback port: an invitation binds the provider's issuer + sub; later sign-ins
 * match on them; every tampered, replayed or misdirected step ends on the sign-in page.
 */
describe('sign-in with OpenID Connect', () => {
  let provider: TestProvider;
  let network: TestNetwork;
  let base: string;
  const admin = () => ({ Authorization: `Bearer ${network.adminKey}` });
  const sessionOf = (browser: RedirectFollower) => ({
    cookie: `passerelle_session=${browser.cookie(base, 'passerelle_session') ?? ''}`,
    csrf: '',
  });
  const isCallback = (url: string) => url.startsWith(`${base}/auth/oidc/callback`);
  const isConsole = (url: string) => url.startsWith(`${base}/console/`);

  /** Signs in as `sub` from the login route, and returns where she ended up. */
  const signIn = async (sub: string, browser = new RedirectFollower(), path = '/auth/oidc/login') => {
    await provider.nextLogin(sub);
    const end = await browser.open(`${base}${path}`, isConsole);
    return { browser, landed: end.url.slice(base.length) };
  };

  /** Runs the flow up to our callback, and returns its URL without opening it. */
  const upToCallback = async (sub: string, browser = new RedirectFollower()) => {
    await provider.nextLogin(sub);
    const end = await browser.open(`${base}/auth/oidc/login`, isCallback);
    return { browser, callback: end.url };
  };

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    const redirect_uris = [`${base}/auth/oidc/callback`];
    provider = await startTestProvider([
      { ...CLIENT, redirect_uris },
      { client_id: 'another-service', client_secret: 'another-service-secret-0123456789', redirect_uris },
    ]);
    network = await startTestNetwork({
      publicUrl: base,
      oidc: { issuer: provider.issuer, clientId: CLIENT.client_id, clientSecret: CLIENT.client_secret },
    });
    await network.app.listen(port, '127.0.0.1');
    expect((network.app.getHttpServer().address() as AddressInfo).port).toBe(port);
    await network
      .http()
      .post('/v1/organisations')
      .set(admin())
      .send({ id: 'refuge-75', name: 'Refuge 75', kind: 'refuge', department: '75', services: ['shelter'] });
  });
  afterAll(async () => {
    await network.close();
    await provider.stop();
  });

  it('says the identity provider is configured', async () => {
    expect((await network.http().get('/auth/options')).body).toEqual({ oidc: true, passkey: true, passwordWithCode: true });
  });

  it('binds an invitation to the provider’s identity, then signs her in on issuer + sub', async () => {
    const invited = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set(admin())
      .send({ email: 'lea@refuge.example', role: 'org_admin' });
    const { loginUrl } = (
      await network
        .http()
        .post('/auth/invitations/oidc')
        .send({ token: tokenOf(invited.body.invitationUrl as string) })
    ).body as { loginUrl: string };
    const first = await signIn('lea-at-the-idp', new RedirectFollower(), loginUrl);
    expect(first.landed).toBe('/console/');
    const session = await network
      .http()
      .get('/auth/session')
      .set(as(sessionOf(first.browser)));
    expect(session.body).toMatchObject({ role: 'org_admin', organisationId: 'refuge-75', email: 'lea@refuge.example' });
    // The invitation was used by that identity: it cannot bind another.
    expect(
      (
        await network
          .http()
          .post('/auth/invitations/oidc')
          .send({ token: tokenOf(invited.body.invitationUrl as string) })
      ).body.code,
    ).toBe('INVITATION.ALREADY_USED');

    const later = await signIn(
      'lea-at-the-idp',
      new RedirectFollower(),
      `/auth/oidc/login?returnTo=${encodeURIComponent('/console/#organisation')}`,
    );
    expect(later.landed).toBe('/console/#organisation');
    expect(
      (
        await network
          .http()
          .get('/auth/session')
          .set(as(sessionOf(later.browser)))
      ).body.personId,
    ).toBe(session.body.personId);
    const cookieLine = later.browser.cookie(base, 'passerelle_session');
    expect(cookieLine).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses an identity that no invitation bound', async () => {
    const { landed, browser } = await signIn('a-stranger');
    expect(landed).toBe('/console/#signin-error=no-account');
    expect(browser.cookie(base, 'passerelle_session')).toBeUndefined();
  });

  it('never sends her to another site after signing in (open redirect in returnTo)', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const { landed } = await signIn(
        'lea-at-the-idp',
        new RedirectFollower(),
        `/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(landed).toBe('/console/');
    }
  });

  it('refuses a tampered state', async () => {
    const { browser, callback } = await upToCallback('lea-at-the-idp');
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'tampered-state-value');
    expect((await browser.open(tampered.toString(), isConsole)).url).toBe(`${base}/console/#signin-error=failed`);
    expect(browser.cookie(base, 'passerelle_session')).toBeUndefined();
  });

  it('refuses a replayed callback (state and code used once), even with a new login’s cookie', async () => {
    const { browser, callback } = await upToCallback('lea-at-the-idp');
    const transaction = browser.cookie(base, 'passerelle_oidc') ?? '';
    expect((await browser.open(callback, isConsole)).url).toBe(`${base}/console/`);
    browser.setCookie(base, 'passerelle_oidc', transaction);
    expect((await browser.open(callback, isConsole)).url).toBe(`${base}/console/#signin-error=expired`);

    const other = await upToCallback('lea-at-the-idp');
    const replayed = await other.browser.open(callback, isConsole);
    expect(replayed.url).toBe(`${base}/console/#signin-error=failed`);
    expect(other.browser.cookie(base, 'passerelle_session')).toBeUndefined();
  });

  it('refuses an ID token whose nonce is not the one this login sent', async () => {
    const { browser, callback } = await upToCallback('lea-at-the-idp');
    const pool = new Pool({ connectionString: network.database.url, max: 1 });
    await pool.query(
      `UPDATE auth_challenges SET payload = jsonb_set(payload, '{nonce}', '"not-the-nonce-sent"') WHERE purpose = 'oidc-login'`,
    );
    await pool.end();
    expect((await browser.open(callback, isConsole)).url).toBe(`${base}/console/#signin-error=failed`);
  });

  it('refuses a code issued to another client (another audience)', async () => {
    await provider.nextLogin('lea-at-the-idp');
    const browser = new RedirectFollower();
    const toProvider = await browser.open(`${base}/auth/oidc/login`, (url) => url.startsWith(provider.issuer));
    const forAnother = new URL(toProvider.url);
    forAnother.searchParams.set('client_id', 'another-service');
    const end = await browser.open(forAnother.toString(), isConsole);
    expect(end.url).toBe(`${base}/console/#signin-error=failed`);
    expect(browser.cookie(base, 'passerelle_session')).toBeUndefined();
  });

  it('refuses an authorization response that names another issuer', async () => {
    const { browser, callback } = await upToCallback('lea-at-the-idp');
    const misdirected = new URL(callback);
    expect(misdirected.searchParams.get('iss')).toBe(provider.issuer);
    misdirected.searchParams.set('iss', 'https://another-provider.example');
    expect((await browser.open(misdirected.toString(), isConsole)).url).toBe(`${base}/console/#signin-error=failed`);
  });
});
