import type { Browser, BrowserContext, Page } from 'playwright-core';
import { client, createTenant, expectStatus } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';

const { baseUrl, adminKey } = serverState();

// Line 2 changes a level, 3 has a bad quantity, 4 creates an item.
const FILE = ['sku,location,onHand', 'IMP-1,WH-IMP,9', 'IMP-BAD,WH-IMP,lots', 'IMP-NEW,WH-IMP,3', ''].join('\n');

describe('importing a stock file and exporting files in the console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    browser = await launchBrowser();
    const { adminKey: key } = await createTenant(client(baseUrl, adminKey));
    const tenant = client(baseUrl, key);
    const seed = { item: { sku: 'IMP-1' }, location: { code: 'WH-IMP' }, onHand: 4, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' };
    expectStatus(await tenant('POST', '/api/v1/stock-levels/set', { json: seed }), 'seed');
    ({ context, page } = await openPage(browser, watch));
    await signIn(page, baseUrl, key, '/admin/import');
  });
  afterEach(() => {
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const onHandOf = (sku: string) => page.locator(`[data-testid="items-table"] tr[data-item="${sku}"]`).getByTestId('on-hand').textContent();

  it('previews a file with its invalid line, imports it as a job followed to its end, and the level changes', async () => {
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    await page.locator('input[type="file"]').setInputFiles({ name: 'stock.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE) });
    await page.getByLabel('Create items no identifier names yet').check();
    await page.getByRole('button', { name: 'Check file' }).click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    expect(await problems.locator('tbody tr').count()).toBe(1);
    expect(await problems.locator('tbody tr td').first().textContent()).toBe('3');
    expect(await problems.locator('tbody tr td').nth(1).textContent()).toBe('onHand');
    expect(await page.getByTestId('import-preview').textContent()).toContain('Would change a level2');
    await screenshot(page, '60-import-preview');

    await page.getByRole('button', { name: 'Import' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="import-job"] [data-testid="job-status"]')?.textContent === 'SUCCESS');
    expect(await page.getByTestId('job-progress').textContent()).toMatch(/^3 of 3 lines handled/);
    const messages = page.getByTestId('job-messages');
    expect(await messages.locator('tbody tr').count()).toBe(1);
    expect(await messages.locator('tbody tr td').first().textContent()).toBe('3');
    await screenshot(page, '61-import-done');

    await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Items' }).click();
    await page.getByTestId('items-table').waitFor();
    await expect(onHandOf('IMP-1')).resolves.toBe('9');
    await expect(onHandOf('IMP-NEW')).resolves.toBe('3');
  });

  it("gives the ledger's export link the current filter, and the file it names holds only those entries", async () => {
    await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Ledger' }).click();
    await page.getByRole('combobox', { name: 'Cause' }).click();
    await page.getByRole('option', { name: 'adjust', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-export"]')?.getAttribute('href')?.includes('cause=adjust'));
    const href = (await page.getByTestId('ledger-export').getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/v1\/ledger\/export\?format=csv&cause=adjust$/);
    const file = await page.evaluate(async (url) => (await fetch(url)).text(), href);
    expect(file.split('\r\n')[0]).toMatch(/^recordedAt,sku,/);
    expect(file.trimEnd().split('\r\n')).toHaveLength(1);
    await page.getByRole('combobox', { name: 'Cause' }).click();
    await page.getByRole('option', { name: 'set', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="ledger-export"]')?.getAttribute('href')?.includes('cause=set'));
    const sets = await page.evaluate(async (url) => (await fetch(url ?? '')).text(), await page.getByTestId('ledger-export').getAttribute('href'));
    expect(sets.trimEnd().split('\r\n')).toHaveLength(4);
  });
});
