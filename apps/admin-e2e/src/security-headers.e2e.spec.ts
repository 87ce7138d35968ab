import type { Browser, BrowserContext, Page } from 'playwright-core';
import { client } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';

const { baseUrl, adminKey } = serverState();
const call = client(baseUrl, null);

/** Records every Content-Security-Policy violation of the page's documents, readable as `window.__violations`. */
async function recordViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const record: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = record;
    document.addEventListener('securitypolicyviolation', (event) => record.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

const violationsOf = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

describe('the console and Swagger UI under their security headers', () => {
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const page = async (): Promise<Page> => {
    const opened = await openPage(browser, watch);
    contexts.push(opened.context);
    await recordViolations(opened.context);
    return opened.page;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('serves /admin with a CSP, no framing, nosniff and no referrer, and the console runs under them without a violation', async () => {
    for (const path of ['/admin/', '/admin/items']) {
      const answer = await call('GET', path);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'self';.*frame-ancestors 'none';.*script-src 'self'/);
      expect(answer.headers.get('x-frame-options')).toBe('DENY');
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
    }
    const console = await page();
    await signIn(console, baseUrl, adminKey);
    await console.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Items' }).click();
    await console.getByRole('link', { name: 'Ledger' }).click();
    await screenshot(console, '30-console-under-csp');
    expect(await violationsOf(console)).toEqual([]);
  });

  it('runs Swagger UI under the policy and keeps a key typed into "Authorize" out of browser storage', async () => {
    const docs = await page();
    await docs.goto(`${baseUrl}/docs`);
    await docs.getByText('Tally canonical API').first().waitFor();
    await docs.locator('button.authorize').first().click();
    await docs.locator('.modal-ux input').first().fill(adminKey);
    await docs.locator('.modal-ux button.authorize').first().click();
    await docs.locator('.modal-ux button.btn-done').first().click();
    await screenshot(docs, '31-swagger-ui-authorized');
    const stored = await docs.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
    expect(stored).not.toContain(adminKey);
    expect(await violationsOf(docs)).toEqual([]);
  });
});
