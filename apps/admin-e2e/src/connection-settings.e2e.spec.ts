import type { Browser, BrowserContext, Page } from 'playwright-core';
import { client, createTenant, expectStatus, type Client } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';

const { baseUrl, adminKey } = serverState();

describe('connection settings in the console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenant: Client;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    browser = await launchBrowser();
    const { adminKey: key } = await createTenant(client(baseUrl, adminKey));
    tenant = client(baseUrl, key);
    ({ context, page } = await openPage(browser, watch));
    await signIn(page, baseUrl, key, '/admin/connections');
  });
  afterEach(() => {
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('makes a Marketplacer connection usable: its seller id is set in a form drawn from the dialect, a bad value named', async () => {
    await page.getByLabel('Name').fill('Marketplace');
    await page.getByRole('combobox', { name: 'Dialect' }).click();
    await page.getByRole('option', { name: 'marketplacer' }).click();
    await page.getByRole('button', { name: 'Create connection' }).click();
    const token = (await page.getByTestId('token').textContent()) ?? '';
    const marketplacer = (path: string) => client(baseUrl, null)('GET', path, { headers: { authorization: `Bearer ${token}` } });
    expect((await marketplacer('/marketplacer/api/v2/client/multi_store_memberships')).status).toBe(403);

    const row = page.locator('[data-testid="connections-table"] tr[data-connection="Marketplace"]');
    await row.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Seller id').fill('0');
    watch.allow(/status of 422/); // the browser logs the refused save
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.getByTestId('settings-error').waitFor();
    await expect(dialog.getByTestId('settings-error').textContent()).resolves.toContain('sellerId');
    await screenshot(page, '23-connection-settings-refused');

    await dialog.getByLabel('Seller id').fill('100');
    await dialog.getByLabel('Seller name').fill('Main store');
    await dialog.getByLabel('Default location code').fill('WH-MP');
    await dialog.getByLabel('Priority').fill('5');
    await dialog.getByRole('button', { name: 'Save settings' }).click();
    await dialog.waitFor({ state: 'detached' });

    const stored = expectStatus(await tenant('GET', '/api/v1/connections'), 'connections').items.find((c: { name: string }) => c.name === 'Marketplace');
    expect(stored.settings).toMatchObject({ defaultLocationCode: 'WH-MP', priority: 5, options: { sellerId: 100, sellerName: 'Main store' } });
    expect((await marketplacer('/marketplacer/api/v2/client/multi_store_memberships')).status).toBe(200);

    await row.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog').getByLabel('Seller id').inputValue()).resolves.toBe('100');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it("shows each connection's last change and its volume", async () => {
    const created = expectStatus(await tenant('POST', '/api/v1/connections', { json: { dialect: 'canonical', name: 'Warehouse feed' } }), 'connection', 201);
    const lines = [1, 2, 3, 4].map((n) => ({ op: 'set', item: { sku: `VOL-${n}` }, location: { code: 'WH-V' }, onHand: n }));
    expectStatus(
      await tenant('POST', '/api/v1/stock-levels/batch', {
        json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', connectionId: created.connection.id, lines },
      }),
      'batch',
    );
    await page.reload();
    const row = page.locator('[data-testid="connections-table"] tr[data-connection="Warehouse feed"]');
    await page.waitForFunction(() => document.querySelector('tr[data-connection="Warehouse feed"] [data-testid="volume"]')?.textContent === '4 / 4');
    await expect(row.getByTestId('last-change').textContent()).resolves.not.toBe('—');
    await expect(page.locator('tr[data-connection="Marketplace"] [data-testid="volume"]').textContent()).resolves.toBe('0 / 0');
  });

  it("shows a connection's last seen time and last error, and how to connect it with this server's URLs", async () => {
    const created = expectStatus(await tenant('POST', '/api/v1/connections', { json: { dialect: 'crux', name: 'Supplier' } }), 'connection', 201);
    const anonymous = client(baseUrl, null);
    const login = await anonymous('POST', '/crux/timp/organizations/user-login/', {
      json: { username: created.connection.credentialId, password: created.credentials.secret },
    });
    const token = expectStatus(login, 'login').auth_token as string;
    const refused = await anonymous('POST', '/crux/timp/products/skus/inventory/', {
      json: { sku_id: 'NO-SUCH-SKU', quantity_in_stock: 1 },
      headers: { authorization: `Token ${token}` },
    });
    expect(refused.status).toBe(404);
    await page.reload();
    const row = page.locator('[data-testid="connections-table"] tr[data-connection="Supplier"]');
    await row.getByTestId('last-error').waitFor();
    await expect(row.getByTestId('last-error').textContent()).resolves.toContain('404');
    await expect(row.getByTestId('last-seen').textContent()).resolves.toMatch(/ago/);
    await row.getByRole('button', { name: 'Show the last error of Supplier' }).click();
    await expect(row.getByTestId('last-error-message').textContent()).resolves.toContain('NO-SUCH-SKU');

    await row.getByRole('button', { name: 'How to connect Supplier' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('connect-guide').waitFor();
    const urls = await dialog.getByTestId('guide-endpoint').allTextContents();
    expect(urls).toContainEqual(expect.stringContaining(`${baseUrl}/crux/timp/organizations/user-login/`));
    await expect(dialog.getByTestId('guide-credential-id').textContent()).resolves.toBe(created.connection.credentialId);
    await expect(dialog.textContent()).resolves.not.toContain(created.credentials.secret);
    await screenshot(page, '31-connection-how-to-connect');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});
