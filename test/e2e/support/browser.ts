import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../../..');
const CONSOLE_SOURCE = join(ROOT, 'apps/console');
/** Library files the console bundles (vocabularies, her receipts' languages, the SDK's client): a change there rebuilds it too. */
const BUNDLED_LIBRARIES = [join(ROOT, 'libs/domain/src/shared'), join(ROOT, 'libs/receipts/src'), join(ROOT, 'libs/sdk/src')];
const CONSOLE_BUILD = join(ROOT, 'dist/console/index.html');
export const SCREENSHOTS = join(ROOT, 'test/e2e/screenshots');

/** Why the browser suites cannot run here, or null when they can. */
export const browserMissing = (): string | null =>
  existsSync(CHROMIUM) ? null : `${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`;

/**
 * Playwright gives each launch a fresh temporary --user-data-dir (it refuses one in `args`) and
 * deletes it on close, so no profile, cache or storage survives from one run to the next.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/**
 * Builds the console with Vite when dist/console is missing or older than its sources (and the library
 * files it bundles), so the suite never tests a stale page; the API serves whatever is in dist/console.
 */
export function ensureConsoleBuilt(): void {
  const newest = Math.max(...[CONSOLE_SOURCE, ...BUNDLED_LIBRARIES].map(newestSource));
  if (existsSync(CONSOLE_BUILD) && statSync(CONSOLE_BUILD).mtimeMs >= newest) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(CONSOLE_SOURCE, 'vite.config.ts')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Errors the page itself raised: uncaught exceptions, and Content-Security-Policy or Trusted Types
 * violations (what a forbidden inline script or innerHTML would cause). Failed HTTP answers are the
 * API speaking, not page errors, and are left out.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Trusted Type|Refused to/i.test(message.text())) errors.push(message.text());
  });
  return errors;
}
