import { CLOCK_OVERRIDE_FLAG } from '@passerelle/http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { browserMissing, collectPageErrors, ensureConsoleBuilt, launchChromium, screenshot } from './support/browser';
import { auth, identifyBody, onboard, type Partner } from './support/fixtures';
import { freePort } from './support/oidc';
import { personOf, type SignedInPerson } from './support/people';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const missing = browserMissing();
if (missing) console.warn(`her documents in the console skipped: ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

/**
 * A fixed clock (the API's override, for tests and seeding only), so that the committed screenshots
 * of her receipt (test/e2e/screenshots/consent-receipt-*.png) change only when the page does.
 */
const CLOCK = '2026-11-22T10:00:00.000Z';

/** Her receipt and her access report in the console, as the holder prints them for her (issue 12, item 6). */
describeInBrowser('her receipt and her access report in the console', () => {
  let network: TestNetwork;
  let browser: Browser;
  let base: string;
  let asso: Partner;
  let refuge: Partner;
  let caseId: string;
  let people: Record<'asso' | 'refuge', SignedInPerson>;
  let previousFlag: string | undefined;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  /** Her caseworker's browser, signed in (her session cookie; the sign-in pages are tested in console-sign-in). */
  async function signedIn(person: SignedInPerson, viewport = { width: 1000, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'fr-FR' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    const [name = '', value = ''] = person.cookie.split('=');
    await context.addCookies([{ name, value, url: base, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    errors.push(...collectPageErrors(page));
    await page.route('**/v1/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-passerelle-clock': CLOCK } }));
    await page.goto(`${base}/console/`);
    await page.getByRole('navigation').waitFor();
    return page;
  }

  async function open(page: Page, kind: 'Reçu de consentement' | 'Rapport d’accès', language?: string): Promise<Locator> {
    await page.getByRole('navigation').getByRole('button', { name: 'Reçus et rapports' }).click();
    await page.getByLabel('Numéro de dossier').fill(caseId);
    if (language) await page.getByLabel('Sa langue').selectOption({ label: language });
    await page.getByLabel(kind).check();
    await page.getByRole('button', { name: 'Afficher' }).click();
    const article = page.locator('article.her-document');
    await article.waitFor();
    return article;
  }

  /** The fonts Chromium actually drew a node's text with: a script without a font would fall back to boxes. */
  async function fontsOf(page: Page, selector: string): Promise<string[]> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    await cdp.detach();
    return fonts.filter((font) => font.glyphCount > 0).map((font) => font.familyName);
  }

  /** Where the title sits in its document: a right-to-left page starts at the right edge. */
  async function titleSide(article: Locator): Promise<'left' | 'right'> {
    const [box, title] = await Promise.all([article.boundingBox(), article.locator('.her-document__title').evaluate(textBox)]);
    if (!box) throw new Error('the document is not on screen');
    return title.left - box.x < box.x + box.width - title.right ? 'left' : 'right';
  }

  /** Printed, she sees her document alone: no header, navigation, form or SMS. */
  async function expectPrintedAlone(page: Page, article: Locator): Promise<void> {
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afficher' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Texte pour un SMS' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { name: 'Reçus et rapports', level: 1 }).isVisible()).toBe(false);
    expect(await article.isVisible()).toBe(true);
  }

  /**
   * Her reference and file number change with every run: written as zeros in the committed images,
   * so that they change only when the page does.
   */
  async function screenshotForTheRecord(page: Page, name: string): Promise<void> {
    await page
      .locator('.her-document header bdi[dir="ltr"]')
      .evaluateAll((nodes: { textContent: string | null }[]) =>
        nodes.forEach((node, i) => (node.textContent = i === 0 ? '0000-0000' : '00000000-0000-0000-0000-000000000000')),
      );
    await page.screenshot({ path: `${__dirname}/screenshots/${name}.png`, fullPage: true });
  }

  beforeAll(async () => {
    ensureConsoleBuilt();
    previousFlag = process.env[CLOCK_OVERRIDE_FLAG];
    process.env[CLOCK_OVERRIDE_FLAG] = 'true';
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
      services: ['legal'],
      contact: { phone: '+33 1 48 00 00 00', email: 'accueil@asso93.example' },
    });
    refuge = await onboard(network, { id: 'refuge-75', name: 'Refuge des Lilas', kind: 'refuge', department: '75', services: ['shelter'] });
    people = { asso: await personOf(network, 'asso-93', 'caseworker'), refuge: await personOf(network, 'refuge-75', 'caseworker') };
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(asso))
      .set('X-Passerelle-Clock', CLOCK)
      .send(
        identifyBody(['refuge-75'], {
          consent: {
            recipients: ['refuge-75'],
            categories: ['identity', 'contact', 'vulnerability'],
            purposes: ['referral', 'coordination'],
            expiresAt: '2027-06-01T00:00:00.000Z',
            method: 'verbal',
            // Dari, by its ISO 639-3 code: her receipt opens in Dari.
            language: 'prs',
          },
        }),
      );
    expect(identified.status).toBe(201);
    caseId = identified.body.caseId as string;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await browser?.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await network?.close();
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- unsetting is the only way to restore an absent variable
    if (previousFlag === undefined) delete process.env[CLOCK_OVERRIDE_FLAG];
    else process.env[CLOCK_OVERRIDE_FLAG] = previousFlag;
  });

  afterEach(() => expect(errors.splice(0)).toEqual([]));

  it('opens her receipt in Dari, the language her consent was explained in, laid out right to left in an Arabic-script font', async () => {
    const page = await signedIn(people.asso);
    const article = await open(page, 'Reçu de consentement');
    expect(await article.getAttribute('dir')).toBe('rtl');
    expect(await article.getAttribute('lang')).toBe('fa-AF');
    expect(await article.evaluate((element) => (globalThis as unknown as Window).getComputedStyle(element).direction)).toBe('rtl');
    await article.getByRole('heading', { name: 'رسید رضایت شما' }).waitFor();
    await article.getByText('اگر نظر شما تغییر کرد').waitFor();
    expect(await titleSide(article)).toBe('right');
    expect(await fontsOf(page, '.her-document__title')).toEqual([expect.stringMatching(/^Noto (Naskh|Sans|Kufi) Arabic/)]);
    // Organisation names and the number to call stay as registered, left to right inside the Dari text.
    await article.getByText('Refuge des Lilas').waitFor();
    expect(await article.locator('bdi[dir="ltr"]', { hasText: '+33 1 48 00 00 00' }).count()).toBe(1);
    await page.getByText('Traduction à faire relire par une personne dont c’est la langue.').waitFor();
    await page.getByText(/caractères en UCS-2 : \d+ SMS/).waitFor();
    await screenshot(page, 'documents-receipt-dari-screen');
    await expectPrintedAlone(page, article);
    await screenshotForTheRecord(page, 'consent-receipt-dari');
  });

  it('opens her receipt in Tigrinya in a font with the Ethiopic script, left to right, and prints it alone', async () => {
    const page = await signedIn(people.asso);
    const article = await open(page, 'Reçu de consentement', 'ትግርኛ');
    expect(await article.getAttribute('dir')).toBe('ltr');
    expect(await article.getAttribute('lang')).toBe('ti');
    await article.getByRole('heading', { name: 'ቅብሊት ፍቓድኪ' }).waitFor();
    await article.getByText('ምስ መን ክትራኸቢ').waitFor();
    expect(await titleSide(article)).toBe('left');
    expect(await fontsOf(page, '.her-document__title')).toEqual([expect.stringMatching(/^Noto (Sans|Serif) Ethiopic/)]);
    await expectPrintedAlone(page, article);
    await screenshotForTheRecord(page, 'consent-receipt-tigrinya');
  });

  it('fits her receipt on a 360 px phone without scrolling sideways', async () => {
    const page = await signedIn(people.asso, { width: 360, height: 740 });
    await open(page, 'Reçu de consentement', 'العربية');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBe(360);
    await screenshot(page, 'phone-receipt-arabic');
  });

  it('lists in her access report, in Arabic, the organisation that opened her file', async () => {
    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge))).status).toBe(200);
    const page = await signedIn(people.asso);
    const article = await open(page, 'Rapport d’accès', 'العربية');
    expect(await article.getAttribute('dir')).toBe('rtl');
    await article.getByRole('heading', { name: 'من اطّلع على معلوماتكِ' }).waitFor();
    const table = article.getByRole('table', { name: 'المنظمات' });
    await table.getByRole('rowheader', { name: 'Refuge des Lilas' }).waitFor();
    await screenshot(page, 'access-report-arabic');
  });

  it('shows another partner nothing, not even that her file exists', async () => {
    const page = await signedIn(people.refuge);
    await page.getByRole('navigation').getByRole('button', { name: 'Reçus et rapports' }).click();
    await page.getByLabel('Numéro de dossier').fill(caseId);
    await page.getByRole('button', { name: 'Afficher' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('article.her-document').count()).toBe(0);
  });
});

/** What the page's globals look like from here (the test's TypeScript has no DOM library). */
interface Window {
  getComputedStyle(element: unknown): { direction: string };
  document: { createRange(): { selectNodeContents(node: unknown): void; getBoundingClientRect(): { left: number; right: number } } };
}

function textBox(element: unknown): { left: number; right: number } {
  // The text's own extent, not the heading's full-width block.
  const range = (globalThis as unknown as Window).document.createRange();
  range.selectNodeContents(element);
  const rect = range.getBoundingClientRect();
  return { left: rect.left, right: rect.right };
}
