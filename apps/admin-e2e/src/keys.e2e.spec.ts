import type { Browser, BrowserContext, Page } from 'playwright-core';
import { client, createTenant, expectStatus } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';

const { baseUrl, adminKey } = serverState();

describe('API keys in the console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenantKey: string;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    browser = await launchBrowser();
    tenantKey = (await createTenant(client(baseUrl, adminKey))).adminKey;
    ({ context, page } = await openPage(browser, watch));
    await signIn(page, baseUrl, tenantKey, '/admin/keys');
  });
  afterEach(() => {
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('creates a named key whose secret is shown once and works; the ledger names it as the actor', async () => {
    await page.getByLabel('Name').fill('Night shift scanner');
    await page.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'admin: reads and writes' }).click();
    await page.getByRole('button', { name: 'Create key' }).click();
    const secret = (await page.getByTestId('key-secret').textContent()) ?? '';
    expect(secret).toMatch(/^tly_/);
    await page.locator('[data-testid="keys-table"] tr[data-key="Night shift scanner"]').waitFor();
    await screenshot(page, '20-keys');

    const scanner = client(baseUrl, secret);
    expectStatus(
      await scanner('POST', '/api/v1/stock-levels/set', {
        json: { item: { sku: 'KEY-1' }, location: { code: 'WH-KEY' }, onHand: 4, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
      }),
      'write with the new key',
    );
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('created-key').waitFor({ state: 'detached' });

    await page.getByRole('link', { name: 'Ledger' }).click();
    const row = page.locator('[data-testid="ledger-table"] tr[data-cause="set"]').first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('key “Night shift scanner”');
  });

  it('revokes a key at once, and never offers to revoke the key signed in', async () => {
    await page.getByRole('link', { name: 'API keys' }).click();
    const scannerRow = page.locator('[data-testid="keys-table"] tr[data-key="Night shift scanner"]');
    await scannerRow.waitFor();
    const signedInRow = page.locator('[data-testid="keys-table"] tr', { hasText: '(signed in)' });
    await signedInRow.waitFor();
    expect(await signedInRow.getByRole('button', { name: 'Revoke' }).count()).toBe(0);

    page.once('dialog', (dialog) => void dialog.accept());
    await scannerRow.getByRole('button', { name: 'Revoke' }).click();
    await scannerRow.getByText(/^revoked/).waitFor();
    const keys = expectStatus(await client(baseUrl, tenantKey)('GET', '/api/v1/api-keys'), 'keys').items as { name: string; revokedAt: string | null }[];
    expect(keys.find((k) => k.name === 'Night shift scanner')?.revokedAt).not.toBeNull();
  });
});
