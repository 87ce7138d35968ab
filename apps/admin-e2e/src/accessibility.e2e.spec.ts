import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { bearer, client, createTenant, expectStatus, kiboToken, waitForJobEnd, type Client } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';
import { newWebhookSecret } from './support/webhook-recorder';

const { baseUrl, adminKey } = serverState();
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WIDTHS = [1400, 390] as const;
const SCHEMES = ['light', 'dark'] as const;
const CREATE = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings on the page as it is now (evaluated through the DevTools protocol, so the page's CSP does not apply). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async () => (await (window as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } }).axe.run()).violations,
  );
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Seeds a tenant of its own with something to show on every page; answers the routes to visit. */
async function seed(tenant: Client): Promise<{ name: string; path: string }[]> {
  const connection = async (dialect: string, name: string) =>
    expectStatus(await tenant('POST', '/api/v1/connections', { json: { dialect, name } }), `connection ${name}`, 201) as {
      connection: { id: string; credentialId: string };
      credentials: { secret: string };
    };
  const [warehouse, shop] = [await connection('canonical', 'Warehouse system'), await connection('canonical', 'Shop count')];
  const set = async (connectionId: string, onHand: number) =>
    tenant('POST', '/api/v1/stock-levels/set', { json: { item: { sku: 'A11Y-1' }, location: { code: 'WH-A' }, onHand, connectionId, ...CREATE } });
  const first = expectStatus(await set(warehouse.connection.id, 10), 'first report');
  await set(shop.connection.id, 6);
  expectStatus(
    await tenant('POST', '/api/v1/stock-levels/set', {
      json: { item: { sku: 'A11Y-LOW' }, location: { code: 'WH-A' }, onHand: 1, lowStockThreshold: 3, ...CREATE },
    }),
    'a low place',
  );
  const kibo = await connection('kibo', 'Kibo storefront');
  const token = await kiboToken(baseUrl, kibo.connection.credentialId, kibo.credentials.secret);
  const queued = await client(baseUrl, null)('POST', '/kibo/api/v5/inventory/refresh', {
    json: { locationName: 'WH-K', items: [{ sku: 'A11Y-2', quantity: 3 }] },
    headers: bearer(token),
  });
  const jobId = expectStatus(queued, 'refresh').jobID as number;
  await waitForJobEnd(tenant, jobId, 30_000);
  const channel = expectStatus(
    await tenant('POST', '/api/v1/channels', {
      json: { name: 'Storefront feed', dialect: 'webhook', baseUrl: 'http://127.0.0.1:9/hooks', credentials: { secret: newWebhookSecret() } },
    }),
    'channel',
    201,
  );
  return [
    { name: 'Overview', path: '/' },
    { name: 'Items', path: '/items' },
    { name: 'Items', path: `/items?locationId=${first.locationId}` },
    { name: 'Low stock', path: '/low-stock' },
    { name: 'Item', path: `/items/${first.itemId}` },
    { name: 'Import', path: '/import' },
    { name: 'Ledger', path: '/ledger' },
    { name: 'Discrepancies', path: '/discrepancies' },
    { name: 'Jobs', path: '/jobs' },
    { name: 'Job', path: `/jobs/${jobId}` },
    { name: 'Connections', path: '/connections' },
    { name: 'Channels', path: '/channels' },
    { name: 'Channel', path: `/channels/${channel.id}` },
    { name: 'API keys', path: '/keys' },
  ];
}

describe('the console for every reader: axe, titles and landmarks, phone width, dark mode, keyboard', () => {
  let browser: Browser;
  let tenantKey: string;
  let pages: { name: string; path: string }[];
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    browser = await launchBrowser();
    tenantKey = (await createTenant(client(baseUrl, adminKey))).adminKey;
    pages = await seed(client(baseUrl, tenantKey));
  });
  afterEach(() => {
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** A signed-in page at a width and colour scheme. */
  async function signedIn(width: number, scheme: 'light' | 'dark', path = '/admin/'): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 860 }, colorScheme: scheme });
    const page = watch.watch(await context.newPage());
    await signIn(page, baseUrl, tenantKey, path);
    return page;
  }

  for (const scheme of SCHEMES) {
    for (const width of WIDTHS) {
      it(`has no serious or critical axe finding, one h1 and its own title on every page at ${width} px, ${scheme}`, async () => {
        const page = await signedIn(width, scheme);
        try {
          expect(await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe(scheme);
          const findings: string[] = [];
          for (const { name, path } of pages) {
            await page.goto(`${baseUrl}/admin${path}`);
            await page.getByRole('heading', { level: 1 }).first().waitFor();
            await page.waitForLoadState('networkidle');
            expect({ name, h1: await page.getByRole('heading', { level: 1 }).count(), title: await page.title() }).toEqual({
              name,
              h1: 1,
              title: `${name} · Tally console`,
            });
            // Nothing wider than the screen: tables scroll in their own box.
            expect({ name, overflow: await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) }).toEqual({ name, overflow: 0 });
            findings.push(...(await seriousViolations(page)).map((f) => `${name}: ${f}`));
            await screenshot(page, `a11y-${name.toLowerCase().replace(/ /g, '-')}-${width}-${scheme}`);
          }
          expect(findings).toEqual([]);
        } finally {
          await page.context().close();
        }
      });
    }
  }

  it('the sign-in page has no serious or critical axe finding, light and dark, at both widths', async () => {
    for (const scheme of SCHEMES) {
      for (const width of WIDTHS) {
        const context = await browser.newContext({ viewport: { width, height: 860 }, colorScheme: scheme });
        const page = watch.watch(await context.newPage());
        await page.goto(`${baseUrl}/admin/`);
        await page.getByLabel('API key').waitFor();
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      }
    }
  });

  it('at 390 px the menu stays out of the page until opened, and closes on a choice', async () => {
    const page = await signedIn(390, 'light');
    /** Waits until the menu is off the screen (closed) or on it (opened): it slides, it is never just hidden. */
    const menuOnScreen = (on: boolean) =>
      page.waitForFunction((wanted) => {
        const box = document.querySelector('nav[aria-label="Console pages"]')?.getBoundingClientRect();
        return box !== undefined && box.right > 0 === wanted;
      }, on);
    try {
      const menu = page.getByRole('navigation', { name: 'Console pages' });
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await menuOnScreen(false);
      await page.getByRole('button', { name: 'Open the menu' }).click();
      await menuOnScreen(true);
      await screenshot(page, 'a11y-menu-open-390');
      await menu.getByRole('link', { name: 'Jobs' }).click();
      await page.getByRole('heading', { level: 1, name: 'Jobs' }).waitFor();
      await menuOnScreen(false);
      await screenshot(page, 'a11y-menu-closed-390');
    } finally {
      await page.context().close();
    }
  });

  it('switches to dark mode from the header and keeps the choice', async () => {
    const page = await signedIn(1400, 'light');
    try {
      await page.getByRole('button', { name: 'Switch to dark mode' }).click();
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe('dark');
      await page.reload();
      await page.getByRole('button', { name: 'Switch to light mode' }).waitFor();
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'))).toBe('dark');
    } finally {
      await page.context().close();
    }
  });

  it('reaches a job from the keyboard, and names the edit dialog’s close button', async () => {
    const page = await signedIn(1400, 'light', '/admin/jobs');
    try {
      const jobLink = page.locator('[data-testid="jobs-table"] a').first();
      await jobLink.waitFor();
      const label = (await jobLink.textContent()) ?? '';
      await jobLink.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: new RegExp(label.replace('#', '')) }).waitFor();
      expect(page.url()).toBe(`${baseUrl}/admin/jobs/${label.replace('#', '')}`);

      await page.goto(`${baseUrl}/admin${pages.find((p) => p.name === 'Item')?.path}`);
      await page.locator('[data-location="WH-A"]').getByRole('button', { name: 'Edit on hand' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Close the dialog' }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    } finally {
      await page.context().close();
    }
  });
});
