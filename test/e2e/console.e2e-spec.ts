import { CLOCK_OVERRIDE_FLAG } from '@passerelle/http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '../../libs/bus/src/testing/eventually';
import { TestReceiver } from '../../libs/webhooks/src/testing';
import { browserMissing, collectPageErrors, ensureConsoleBuilt, launchChromium, screenshot } from './support/browser';
import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { freePort } from './support/oidc';
import { personOf, type SignedInPerson } from './support/people';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const missing = browserMissing();
if (missing) console.warn(`console e2e skipped: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

/** The tests run in order and build on each other's data, as a day in the network would. */
describeInBrowser('the web console', () => {
  let network: TestNetwork;
  let browser: Browser;
  let base: string;
  let asso: Partner;
  let refuge: Partner;
  let people: Record<'asso' | 'refuge' | 'coordinator' | 'researcher', SignedInPerson>;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  /**
   * A fresh browser profile per person, as two organisations would never share one, holding her
   * session cookie (she signed in through the API; the sign-in pages are tested in console-sign-in).
   */
  async function signedIn(person: SignedInPerson, viewport = { width: 1280, height: 800 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const [name = '', value = ''] = person.cookie.split('=');
    await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    errors.push(...collectPageErrors(page));
    await page.goto(`${base}/console/`);
    await page.getByRole('navigation').waitFor();
    return page;
  }

  const funnelTable = (page: Page) => page.getByRole('table', { name: 'Nombre par étape' });
  const funnelCount = (page: Page, stage: string) =>
    funnelTable(page)
      .getByRole('row', { name: new RegExp(`^${stage}`) })
      .getByRole('cell')
      .first()
      .textContent();

  beforeAll(async () => {
    ensureConsoleBuilt();
    const port = await freePort();
    base = `http://localhost:${port}`;
    network = await startTestNetwork({ publicUrl: base });
    await network.app.listen(port, '127.0.0.1');
    expect((network.app.getHttpServer().address() as AddressInfo).port).toBe(port);
    asso = await onboard(network, {
      id: 'asso-93',
      name: 'Association 93',
      kind: 'ngo',
      department: '93',
      services: ['legal', 'psychological'],
    });
    refuge = await onboard(network, {
      id: 'refuge-75',
      name: 'Refuge des Lilas',
      kind: 'refuge',
      department: '75',
      services: ['specialised_shelter'],
    });
    people = {
      asso: await personOf(network, 'asso-93', 'caseworker'),
      refuge: await personOf(network, 'refuge-75', 'caseworker'),
      coordinator: await personOf(network, 'passerelle', 'coordinator'),
      researcher: await personOf(network, 'passerelle', 'researcher'),
    };
    const declared = await network
      .http()
      .put('/v1/organisations/refuge-75/capacity')
      .set('Authorization', `Bearer ${refuge.key}`)
      .send({ service: 'specialised_shelter', total: 12, available: 3 });
    expect(declared.status).toBeLessThan(300);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await browser?.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await network?.close();
  });

  afterEach(() => expect(errors.splice(0)).toEqual([]));

  it('is served at /console with a strict Content-Security-Policy and nothing outside its folder', async () => {
    const page = await network.http().get('/console/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const csp = page.headers['content-security-policy']!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(page.text)?.[1];
    expect((await network.http().get(script ?? '/console/assets/missing.js')).status).toBe(200);
    expect((await network.http().get('/console/..%2F..%2Fpackage.json')).status).toBe(404);
    const unknown = await network.http().get('/console/referrals/123');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('lets a partner identify and refer, the receiver accept in its inbox, and the coordinator see the funnel change', async () => {
    const watching = await signedIn(people.coordinator);
    await watching.getByRole('heading', { name: 'Coordination', level: 1 }).waitFor();
    await funnelTable(watching).waitFor();
    expect(await funnelCount(watching, 'Acceptées')).toBe('0');

    const sender = await signedIn(people.asso);
    const visited: string[] = [];
    sender.on('framenavigated', (frame) => {
      if (frame === sender.mainFrame()) visited.push(frame.url());
    });
    await sender.getByText('Aucune orientation ici pour l’instant.').waitFor();
    await screenshot(sender, 'partner-inbox-empty');
    await sender.getByRole('button', { name: 'Identifier une personne' }).first().click();
    await sender.getByLabel('Prénom').fill('Awa');
    await sender.getByLabel('Nom', { exact: true }).fill('Diallo');
    await sender.getByLabel('Date de naissance').fill('1994-03-02');
    await sender.getByLabel('Téléphone').fill('+33600000000');
    await sender.getByLabel('Traite à des fins sexuelles').check();
    await sender.getByLabel('Département').selectOption('93');
    await sender.getByLabel('Coordination (statistiques)').check();
    await sender.getByLabel('Recherche (anonymisée)').check();
    await screenshot(sender, 'partner-identify');
    await sender.getByRole('button', { name: 'Enregistrer l’identification' }).click();

    await sender.getByRole('heading', { name: 'Orienter', level: 1 }).waitFor();
    await sender.getByLabel('Service').selectOption('specialised_shelter');
    const refugeChoice = sender.getByLabel(/Refuge des Lilas/);
    await refugeChoice.waitFor();
    await expect(sender.getByText(/3 place\(s\) libre\(s\) sur 12/).count()).resolves.toBe(1);
    await refugeChoice.check();
    await sender.getByLabel('Urgence').selectOption('urgent');
    await sender.getByLabel('Message (facultatif, chiffré)').fill('Needs a place tonight');
    await screenshot(sender, 'partner-refer');
    await sender.getByRole('button', { name: 'Orienter', exact: true }).click();
    await sender.getByText('À : Refuge des Lilas').waitFor();
    await screenshot(sender, 'partner-inbox-sent');

    const receiver = await signedIn(people.refuge);
    const card = receiver.getByRole('main').getByRole('listitem').filter({ hasText: 'Awa Diallo' });
    await card.waitFor();
    await expect(card.getByText('Urgente').count()).resolves.toBe(1);
    await screenshot(receiver, 'partner-inbox-received');
    await card.getByRole('button', { name: /^Ouvrir/ }).click();
    await receiver.getByText('Needs a place tonight').waitFor();
    await expect(receiver.getByText('+33600000000').count()).resolves.toBe(1);
    await screenshot(receiver, 'partner-referral-detail');
    await receiver.getByRole('button', { name: 'Accepter' }).click();
    await receiver.getByRole('main').getByText('C’est enregistré.', { exact: true }).waitFor();
    await expect(receiver.getByRole('definition').filter({ hasText: 'Acceptée' }).count()).resolves.toBe(1);
    // Her name was on screen, but never in the title, the address bar or the history.
    for (const page of [sender, receiver]) {
      expect(await page.title()).not.toMatch(/Awa|Diallo/);
      expect(page.url()).toBe(`${base}/console/`);
    }
    expect(visited.every((url) => url === `${base}/console/`)).toBe(true);

    // The coordination projection catches up on its own; the coordinator re-applies the filters until it has.
    for (let attempt = 0; attempt < 50 && (await funnelCount(watching, 'Acceptées')) !== '1'; attempt++) {
      await watching.getByRole('button', { name: 'Appliquer' }).click();
      await funnelTable(watching).waitFor();
    }
    expect(await funnelCount(watching, 'Identifiées')).toBe('1');
    expect(await funnelCount(watching, 'Orientées')).toBe('1');
    expect(await funnelCount(watching, 'Acceptées')).toBe('1');
    await screenshot(watching, 'coordinator-dashboard');
  });

  it('never lets a caseworker reach the coordinator view, in the page or through the API', async () => {
    const page = await signedIn(people.asso);
    const views = await page.getByRole('navigation').getByRole('button').allTextContents();
    expect(views).toEqual(['Orientations', 'Identifier une personne', 'Reçus et rapports', 'Annuaire', 'Webhooks']);
    expect(await page.getByText('Parcours', { exact: false }).count()).toBe(0);
    const status = await page.evaluate(`fetch('/v1/coordination/funnel').then((r) => r.status)`);
    expect(status).toBe(403);
    // The page holds no key and cannot read its session cookie (HttpOnly).
    expect(
      await page.evaluate('JSON.stringify([document.cookie, sessionStorage.length, localStorage.getItem("passerelle.console.key")])'),
    ).toBe('["",0,null]');
  });

  it('shows a partner every attempt of a webhook delivery: the 503 before the success, with its duration', async () => {
    const receiver = await TestReceiver.start();
    try {
      receiver.behave = (_, attempt) => (attempt === 1 ? { status: 503 } : { status: 204 });
      const registered = await network
        .http()
        .post('/v1/webhooks')
        .set(auth(asso))
        .send({ url: receiver.url(), events: ['organisation.capacity_declared.v1'] });
      expect(registered.status).toBe(201);
      receiver.secrets = [registered.body.secret as string];
      const declared = await network
        .http()
        .put('/v1/organisations/refuge-75/capacity')
        .set(auth(refuge))
        .send({ service: 'specialised_shelter', total: 12, available: 2 });
      expect(declared.status).toBe(200);
      await eventually(() => expect(receiver.processed.size).toBe(1));

      const page = await signedIn(people.asso);
      await page.getByRole('navigation').getByRole('button', { name: 'Webhooks' }).click();
      const log = page.getByRole('table', { name: 'Livraisons' });
      await log.waitFor();
      // The dispatcher records the outcome just after the receiver answered: reload until the log says so.
      for (let attempt = 0; attempt < 50 && (await log.getByRole('cell', { name: 'Livrée' }).count()) === 0; attempt++) {
        await page.getByRole('navigation').getByRole('button', { name: 'Webhooks' }).click();
        await log.waitFor();
      }
      await log.getByRole('button', { name: /^Voir les tentatives/ }).click();
      const attempts = page.getByRole('table', { name: 'Tentatives — organisation.capacity_declared.v1' });
      await attempts.waitFor();
      const rows = attempts.getByRole('row');
      expect(await rows.count()).toBe(3); // the header, then each attempt
      expect(await rows.nth(1).textContent()).toContain('HTTP 503');
      expect(await rows.nth(2).textContent()).toContain('HTTP 204');
      await screenshot(page, 'partner-webhook-attempts');
    } finally {
      await receiver.down();
    }
  });

  it('refuses a wrong password and code with a clear message, and speaks English when asked', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const page = await context.newPage();
    errors.push(...collectPageErrors(page));
    await page.goto(`${base}/console/`);
    await page.getByLabel('Adresse e-mail').fill('nobody@asso-93.example');
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByLabel('Code à 6 chiffres').fill('123456');
    // Enter submits: no mouse needed.
    await page.keyboard.press('Enter');
    await page.getByText('L’adresse, le mot de passe ou le code est incorrect.').waitFor();
    await screenshot(page, 'sign-in-refused');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('fits a 360 px wide phone in every view, without scrolling sideways', async () => {
    const phone = { width: 360, height: 740 };
    const noSideScroll = async (page: Page, name: string) => {
      await screenshot(page, `phone-${name}`);
      expect({ name, width: await page.evaluate('document.documentElement.scrollWidth') }).toEqual({ name, width: 360 });
    };
    const partner = await signedIn(people.refuge, phone);
    await partner.getByText('Awa Diallo').waitFor();
    await noSideScroll(partner, 'inbox');
    await partner
      .getByRole('button', { name: /^Ouvrir/ })
      .first()
      .click();
    await partner.getByText('Needs a place tonight').waitFor();
    await noSideScroll(partner, 'referral');
    await partner.getByRole('button', { name: 'Identifier une personne' }).click();
    await partner.getByLabel('Prénom').waitFor();
    await noSideScroll(partner, 'identify');
    await partner.getByRole('button', { name: 'Annuaire' }).click();
    await partner.getByRole('table').waitFor();
    await noSideScroll(partner, 'directory');
    const coordination = await signedIn(people.coordinator, phone);
    await coordination.getByRole('table', { name: 'Par organisation et service' }).waitFor();
    await noSideScroll(coordination, 'dashboard');
    const research = await signedIn(people.researcher, phone);
    await research.getByRole('heading', { name: 'Recherche', level: 1 }).waitFor();
    expect(await research.getByRole('navigation').getByRole('button').allTextContents()).toEqual(['Recherche']);
    await noSideScroll(research, 'research');
  });

  it('lets a researcher query allow-listed dimensions, marks suppressed cells, and shows the ε spent and left', async () => {
    const page = await signedIn(people.researcher);
    await page.getByLabel('Service').check();
    const result = page.getByRole('table', { name: 'Résultat' });
    // The research projection catches up on its own; run the exact query again until the referral is in it.
    for (let attempt = 0; attempt < 50 && (await result.count()) === 0; attempt++) {
      await page.getByRole('button', { name: 'Lancer la requête' }).click();
      await page.locator('.result > *').first().waitFor();
    }
    // One referral is fewer than k: its cell is published as suppressed, and no count is shown at all.
    await screenshot(page, 'researcher-suppressed');
    expect(await result.getByText('supprimée').count()).toBeGreaterThan(0);
    expect(await result.getByRole('cell').filter({ hasText: /\d/ }).count()).toBe(0);
    await page.getByLabel('Bruit différentiel : ε (facultatif)').fill('0.5');
    await page.getByRole('button', { name: 'Lancer la requête' }).click();
    await page.getByText('Budget ε dépensé : 0,5').waitFor();
    await expect(page.getByText(/Budget ε restant : [\d,]+ sur [\d,]+/).count()).resolves.toBe(1);
    await screenshot(page, 'researcher-epsilon');
  });

  it('puts overdue referrals first in the inbox and marks them', async () => {
    // A referral made three days ago, to be answered two days ago: the API's clock override (for
    // tests and seeding only) back-dates it, as the API refuses a respondBy in the past.
    const DAY = 86_400_000;
    const past = new Date(Date.now() - 3 * DAY);
    const previous = process.env[CLOCK_OVERRIDE_FLAG];
    process.env[CLOCK_OVERRIDE_FLAG] = 'true';
    try {
      const clock = { 'X-Passerelle-Clock': past.toISOString() };
      const identified = await network
        .http()
        .post('/v1/cases')
        .set(auth(asso))
        .set(clock)
        .send(identifyBody(['any_referral_recipient'], { person: { givenName: 'Binta', familyName: 'Camara', birthDate: '1990-05-04' } }));
      expect(identified.status).toBe(201);
      const referred = await network
        .http()
        .post('/v1/referrals')
        .set(auth(asso))
        .set(clock)
        .send({
          caseId: identified.body.caseId,
          to: 'refuge-75',
          service: 'specialised_shelter',
          urgency: 'routine',
          sharedCategories: ['identity'],
          respondBy: new Date(past.getTime() + DAY).toISOString(),
        });
      expect(referred.status).toBe(201);
    } finally {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- unsetting is the only way to restore an absent variable
      if (previous === undefined) delete process.env[CLOCK_OVERRIDE_FLAG];
      else process.env[CLOCK_OVERRIDE_FLAG] = previous;
    }
    const page = await signedIn(people.refuge);
    const cards = page.getByRole('main').getByRole('listitem');
    const overdue = cards.filter({ hasText: 'Binta Camara' });
    for (let attempt = 0; attempt < 50 && (await overdue.count()) === 0; attempt++) {
      await page.getByRole('button', { name: 'Envoyées' }).click();
      await page.getByRole('button', { name: 'Reçues' }).click();
      await cards.first().waitFor();
    }
    // Routine but overdue, it comes before the urgent referral received earlier, and says it is late.
    const first = cards.first();
    expect(await first.textContent()).toContain('Binta Camara');
    await expect(first.getByText('En retard').count()).resolves.toBe(1);
    expect(await cards.count()).toBe(2);
    await screenshot(page, 'partner-inbox-overdue');
  });

  it('lets a partner ask several shelters at once; each sees how many others and the time left, the first to accept takes her in, and the sender sees who', async () => {
    const montreuil = await onboard(network, {
      id: 'refuge-93',
      name: 'Refuge de Montreuil',
      kind: 'refuge',
      department: '93',
      services: ['specialised_shelter'],
    });
    const melun = await onboard(network, {
      id: 'refuge-77',
      name: 'Refuge de Melun',
      kind: 'refuge',
      department: '77',
      services: ['specialised_shelter'],
    });
    for (const [shelter, available] of [
      [montreuil, 2],
      [melun, 0],
    ] as const) {
      const declared = await network
        .http()
        .put(`/v1/organisations/${shelter.id}/capacity`)
        .set(auth(shelter))
        .send({ service: 'specialised_shelter', total: 8, available });
      expect(declared.status).toBeLessThan(300);
    }

    const sender = await signedIn(people.asso);
    await sender.getByRole('button', { name: 'Identifier une personne' }).first().click();
    await sender.getByLabel('Prénom').fill('Chioma');
    await sender.getByLabel('Nom', { exact: true }).fill('Okafor');
    await sender.getByLabel('Date de naissance').fill('1998-07-12');
    await sender.getByLabel('Traite à des fins sexuelles').check();
    await sender.getByLabel('Département').selectOption('93');
    await sender.getByRole('button', { name: 'Enregistrer l’identification' }).click();
    await sender.getByRole('heading', { name: 'Orienter', level: 1 }).waitFor();
    await sender.getByLabel('Service').selectOption('specialised_shelter');
    await sender.getByLabel(/Refuge de Melun/).waitFor();
    await sender.getByLabel('Demande de place : proposer à plusieurs hébergements à la fois').check();
    await sender.getByLabel('Seulement ceux qui déclarent des places libres').check();
    await sender.getByLabel(/Refuge de Montreuil/).waitFor();
    // Melun declared no free place: filtered out of the directory.
    await expect(sender.getByLabel(/Refuge de Melun/).count()).resolves.toBe(0);
    await sender.getByLabel(/Refuge des Lilas/).check();
    await sender.getByLabel(/Refuge de Montreuil/).check();
    await sender.getByLabel('Urgence').selectOption('urgent');
    const inThreeHours = new Date(Date.now() + 3 * 3_600_000);
    const local = new Date(inThreeHours.getTime() - inThreeHours.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await sender.getByLabel('Réponse attendue avant (facultatif)').fill(local);
    await screenshot(sender, 'partner-place-request');
    await sender.getByRole('button', { name: 'Envoyer la demande de place' }).click();
    await sender.getByText('Demande de place envoyée.').waitFor();
    await sender.getByText('En attente d’une réponse').waitFor();
    const asked = sender.getByRole('table', { name: 'Hébergements sollicités' });
    await expect(asked.getByRole('row').count()).resolves.toBe(3);

    const shelter = await signedIn(await personOf(network, montreuil.id, 'caseworker'));
    const offer = shelter.getByRole('main').getByRole('listitem').filter({ hasText: 'Chioma Okafor' });
    await offer.waitFor();
    await expect(offer.getByText('Également proposée à 1 autre(s) hébergement(s)').count()).resolves.toBe(1);
    await expect(offer.getByText(/^Plus que [1-3] h \d\d min pour répondre$/).count()).resolves.toBe(1);
    // Never who the other shelter is.
    expect(await offer.textContent()).not.toMatch(/Lilas|refuge-75/);
    await screenshot(shelter, 'partner-place-request-received');
    await offer.getByRole('button', { name: /^Ouvrir/ }).click();
    await shelter.getByRole('timer').waitFor();
    await shelter.getByRole('button', { name: 'Accepter' }).click();
    await shelter.getByRole('main').getByText('C’est enregistré.', { exact: true }).waitFor();

    // The other shelter's referral was withdrawn with the acceptance: it says why, and shows nothing of her.
    const other = await signedIn(people.refuge);
    const withdrawn = other.getByRole('main').getByRole('listitem').filter({ hasText: 'Placée ailleurs' });
    for (let attempt = 0; attempt < 50 && (await withdrawn.count()) === 0; attempt++) {
      await other.getByRole('button', { name: 'Envoyées' }).click();
      await other.getByRole('button', { name: 'Reçues' }).click();
      await other.getByRole('main').getByRole('listitem').first().waitFor();
    }
    await expect(withdrawn.getByText('Données personnelles non partagées').count()).resolves.toBe(1);
    expect(await other.getByRole('main').textContent()).not.toContain('Chioma');

    await sender.getByRole('button', { name: 'Actualiser' }).click();
    await sender.getByText('Acceptée par Refuge de Montreuil').waitFor();
    await expect(
      asked
        .getByRole('row', { name: /Refuge des Lilas/ })
        .getByText('Retirée — Placée ailleurs')
        .count(),
    ).resolves.toBe(1);
    await screenshot(sender, 'partner-place-request-placed');
  });
});
