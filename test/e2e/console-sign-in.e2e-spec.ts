import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { browserMissing, collectPageErrors, ensureConsoleBuilt, launchChromium, screenshot } from './support/browser';
import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { freePort, startTestProvider, type TestProvider } from './support/oidc';
import { acceptWithPassword, as, personOf, type SignedInPerson } from './support/people';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const missing = browserMissing();
if (missing) console.warn(`console sign-in e2e skipped: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

/**
 * Signing in from the console (issue 11, item 9) in Chromium: a caseworker accepts her invitation
 * through her organisation's identity provider (a real OpenID Provider on loopback) and sees her
 * inbox; another creates a passkey (the DevTools protocol's virtual authenticator) and signs in with
 * it; an org_admin manages her organisation; a session that ends sends her back to sign in.
 */
describeInBrowser('signing in to the console', () => {
  let provider: TestProvider;
  let network: TestNetwork;
  let browser: Browser;
  let base: string;
  let ngo: Partner;
  let orgAdmin: SignedInPerson;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function newPage(): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    errors.push(...collectPageErrors(page));
    return { page, context };
  }

  /** An invitation link for a new caseworker of the refuge, as its org_admin would send it. */
  async function invitationFor(email: string): Promise<string> {
    const invited = await network
      .http()
      .post('/v1/organisations/refuge-75/members')
      .set(as(orgAdmin, true))
      .send({ email, role: 'caseworker' });
    expect(invited.status).toBe(201);
    return invited.body.invitationUrl as string;
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    const port = await freePort();
    base = `http://localhost:${port}`;
    provider = await startTestProvider([
      { client_id: 'passerelle', client_secret: 'passerelle-console-secret-0123456789', redirect_uris: [`${base}/auth/oidc/callback`] },
    ]);
    network = await startTestNetwork({
      publicUrl: base,
      oidc: { issuer: provider.issuer, clientId: 'passerelle', clientSecret: 'passerelle-console-secret-0123456789' },
    });
    await network.app.listen(port, '127.0.0.1');
    expect((network.app.getHttpServer().address() as AddressInfo).port).toBe(port);
    ngo = await onboard(network, { id: 'asso-93', name: 'Association 93', kind: 'ngo', department: '93', services: ['legal'] });
    await onboard(network, { id: 'refuge-75', name: 'Refuge des Lilas', kind: 'refuge', department: '75', services: ['shelter'] });
    orgAdmin = await personOf(network, 'refuge-75', 'org_admin', 'lea@refuge.example');
    const { caseId } = (
      await network
        .http()
        .post('/v1/cases')
        .set(auth(ngo))
        .send(identifyBody(['refuge-75']))
    ).body as { caseId: string };
    await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'urgent', sharedCategories: ['identity'] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await browser?.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await network?.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await provider?.stop();
  });

  afterEach(() => expect(errors.splice(0)).toEqual([]));

  it('lets a caseworker accept her invitation through her identity provider, see her inbox, and sign in with it again', async () => {
    const link = await invitationFor('awa@refuge.example');
    await provider.nextLogin('awa-at-the-refuge-idp');
    const { page } = await newPage();
    await page.goto(link);
    await page.getByText('Invitation pour awa@refuge.example (intervenante) à refuge-75.').waitFor();
    // The secret left the address bar as soon as the page read it.
    expect(page.url()).toBe(`${base}/console/`);
    await page.getByRole('button', { name: 'Accepter avec le compte de ma structure' }).click();
    await page.getByRole('heading', { name: 'Orientations', level: 1 }).waitFor();
    await page.getByText('Awa Diallo').waitFor();
    await screenshot(page, 'oidc-inbox');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Se connecter avec le compte de ma structure' }).click();
    await page.getByRole('heading', { name: 'Orientations', level: 1 }).waitFor();
  });

  it('tells someone whose identity no invitation bound that she has no account', async () => {
    await provider.nextLogin('someone-else');
    const { page } = await newPage();
    await page.goto(`${base}/console/`);
    await page.getByRole('button', { name: 'Se connecter avec le compte de ma structure' }).click();
    await page.getByText(/Aucun compte Passerelle n’est lié à cette identité/).waitFor();
    expect(page.url()).toBe(`${base}/console/`);
  });

  it('lets a caseworker create a passkey when she accepts, then sign in with it', async () => {
    const link = await invitationFor('fatou@refuge.example');
    const { page, context } = await newPage();
    const devtools = await context.newCDPSession(page);
    await devtools.send('WebAuthn.enable');
    await devtools.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(link);
    await page.getByRole('button', { name: 'Créer une clé d’accès (passkey) et accepter' }).click();
    await page.getByRole('heading', { name: 'Orientations', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('button', { name: 'Se connecter avec une clé d’accès (passkey)' }).click();
    await page.getByRole('heading', { name: 'Orientations', level: 1 }).waitFor();
    const me = await page.evaluate<{ name: string; principal: string }>(`fetch('/v1/me').then((r) => r.json())`);
    expect(me).toMatchObject({ principal: 'person', name: 'fatou@refuge.example' });
  });

  it('lets the org_admin see her people and keys, invite a colleague and revoke a key', async () => {
    const issued = await network
      .http()
      .post('/v1/organisations/refuge-75/api-keys')
      .set(as(orgAdmin, true))
      .send({ role: 'partner', label: 'case system' });
    const { page, context } = await newPage();
    const [name = '', value = ''] = orgAdmin.cookie.split('=');
    await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${base}/console/`);
    await page.getByRole('heading', { name: 'Ma structure', level: 1 }).waitFor();
    await page.getByRole('cell', { name: 'awa@refuge.example' }).waitFor();
    await page.getByLabel('Adresse e-mail').fill('mariam@refuge.example');
    await page.getByRole('button', { name: 'Inviter', exact: true }).click();
    await page.getByText(/#invitation=pinv_/).waitFor();
    await screenshot(page, 'organisation');
    await page.getByRole('button', { name: 'Révoquer case system' }).click();
    await page.getByText(/Révoquée le/).waitFor();
    expect(
      (
        await network
          .http()
          .get('/v1/inbox')
          .set(auth(issued.body.key as string))
      ).status,
    ).toBe(401);
  });

  it('sends her back to sign in, saying why, when her session ends while she works', async () => {
    const person = await acceptWithPassword(network, await invitationFor('ines@refuge.example'), 'ines@refuge.example');
    const { page, context } = await newPage();
    const [name = '', value = ''] = person.cookie.split('=');
    await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${base}/console/`);
    await page.getByRole('heading', { name: 'Orientations', level: 1 }).waitFor();
    expect((await network.http().post('/auth/sign-out-everywhere').set(as(person, true))).status).toBe(204);
    await page.getByRole('button', { name: 'Annuaire' }).click();
    await page.getByText('Votre session a pris fin ; reconnectez-vous.').waitFor();
    await page.getByRole('heading', { name: 'Connexion', level: 1 }).waitFor();
  });
});
