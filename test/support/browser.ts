/**
 * The operator console in a real browser: Debian's Chromium driven by playwright-core (never a browser
 * download), against a local runtime that serves the console's build.
 *
 *   const rt = withLocalRuntime();
 *   const browser = withConsoleBrowser(rt);
 *   const page = await browser.signedIn('tenant-co');
 *
 * Each test gets its own browser context (its own storage), and a page error or a failed script fails
 * the test. Screenshots go to docs/screenshots/ when UPDATE_SCREENSHOTS=1 (or when one is missing), else
 * to .local/screenshots/, so a test run never changes the repository and an image that differs fails nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { LocalRuntimeFixture } from './local-runtime';
import { ensureConsoleBuilt, REPO_DIR } from '../../scripts/console-build';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** what works on these machines: no sandbox as root, no GPU, and nothing that calls Google */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const LAPTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
const SCREENSHOTS = path.join(REPO_DIR, 'docs', 'screenshots');
const SCRATCH = path.join(REPO_DIR, '.local', 'screenshots');

export interface ConsoleBrowser {
  /** a fresh context and page, at `/console/…` of the runtime */
  page(viewport?: { width: number; height: number }): Promise<Page>;
  /** a page signed in as the tenant through the console's own sign-in form */
  signedIn(tenantId: string, viewport?: { width: number; height: number }): Promise<Page>;
}

export function withConsoleBrowser(rt: LocalRuntimeFixture): ConsoleBrowser {
  let browser: Browser | undefined;
  let contexts: Array<{ context: BrowserContext; errors: string[] }> = [];
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM_PATH))
      throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium (.ci/run does)`);
    await ensureConsoleBuilt();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  }, 120_000);
  afterEach(async () => {
    const open = contexts;
    contexts = [];
    await Promise.all(open.map((c) => c.context.close()));
    const errors = open.flatMap((c) => c.errors);
    if (errors.length > 0) throw new Error(`the console failed in the browser:\n${errors.join('\n')}`);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const page = async (viewport = LAPTOP) => {
    if (!browser) throw new Error('the browser is not started');
    const context = await browser.newContext({
      baseURL: rt.runtime.apiUrl,
      viewport,
      deviceScaleFactor: 1,
      reducedMotion: 'reduce',
      locale: 'en-GB',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(20_000);
    const errors: string[] = [];
    contexts.push({ context, errors });
    const p = await context.newPage();
    p.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    return p;
  };
  return {
    page,
    async signedIn(tenantId, viewport) {
      const p = await page(viewport);
      await p.goto('/console/');
      await p.getByLabel('Tenant').fill(tenantId);
      await p.getByRole('button', { name: 'Sign in' }).click();
      await p.getByRole('heading', { level: 1, name: 'Meta connections' }).waitFor();
      return p;
    },
  };
}

/** Opens a console page by its path and waits for its heading. */
export async function open(page: Page, to: string, heading: string | RegExp): Promise<void> {
  await page.goto(`/console${to}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/**
 * A full-page screenshot with the volatile parts (times, ids) masked and nothing animating, so the same
 * page gives the same picture.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  const image = await page.screenshot({
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
    mask: [page.locator('[data-volatile]')],
    maskColor: '#dadce0',
  });
  const committed = path.join(SCREENSHOTS, `${name}.png`);
  const target =
    process.env.UPDATE_SCREENSHOTS === '1' || !fs.existsSync(committed)
      ? committed
      : path.join(SCRATCH, `${name}.png`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, image);
  return target;
}

/** axe-core's serious and critical findings on the page as it is (labels, contrast, landmarks, …). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // evaluated through the protocol, which the console's CSP (script-src 'self') does not govern
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  const result = await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })))`);
  return (result as Array<{ id: string; impact: string; help: string; nodes: string[] }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).join(', ')}`);
}
