import type { Browser, BrowserContext, Page } from 'playwright-core';
import { client, createTenant, expectStatus, type Client } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';

const { baseUrl, adminKey } = serverState();
const CREATE = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } as const;

describe('bulk edit, the item page’s history and thresholds, and the low-stock page in the console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let tenant: Client;
  const ids: Record<string, string> = {};
  let locationId = '';
  const watch = new ConsoleWatch();

  const set = async (sku: string, code: string, fields: Record<string, unknown>) =>
    expectStatus(await tenant('POST', '/api/v1/stock-levels/set', { json: { item: { sku }, location: { code }, ...CREATE, ...fields } }), `set ${sku}`) as {
      itemId: string;
      locationId: string;
    };
  const ledgerOf = async (sku: string) =>
    expectStatus(await tenant('GET', `/api/v1/ledger?itemId=${ids[sku]}&limit=10`), 'ledger').items as { reference: string | null }[];

  beforeAll(async () => {
    browser = await launchBrowser();
    const key = (await createTenant(client(baseUrl, adminKey))).adminKey;
    tenant = client(baseUrl, key);
    for (const [sku, onHand] of [
      ['BK-1', 5],
      ['BK-2', 8],
      ['BK-3', 20],
    ] as const) {
      const placed = await set(sku, 'WH-BULK', { onHand });
      ids[sku] = placed.itemId;
      locationId = placed.locationId;
    }
    ids['BK-LOW'] = (await set('BK-LOW', 'WH-BULK', { onHand: 1, lowStockThreshold: 4 })).itemId;
    await set('BK-1', 'WH-ELSE', { onHand: 30 });
    ({ context, page } = await openPage(browser, watch));
    await signIn(page, baseUrl, key, '/admin/');
  });
  afterEach(() => {
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const row = (sku: string) => page.locator(`[data-testid="items-table"] tr[data-item="${sku}"]`);

  it('sets on hand of two places in one batch: the one changed meanwhile is a conflict with its current value, the other applied with the reason in its ledger', async () => {
    await page.goto(`${baseUrl}/admin/items?locationId=${locationId}`);
    await row('BK-2').getByTestId('on-hand').waitFor();
    await page.getByRole('checkbox', { name: 'Select BK-1' }).check();
    await page.getByRole('checkbox', { name: 'Select BK-2' }).check();
    await page.getByTestId('bulk-selected').getByText('2 place(s) selected.').waitFor();
    await page.getByRole('textbox', { name: 'New on hand' }).fill('3');
    await page.getByRole('textbox', { name: /Reason/ }).fill('cycle count');
    // Someone else changes BK-2 after the table was read.
    expectStatus(
      await tenant('POST', '/api/v1/stock-levels/set', { json: { item: { itemId: ids['BK-2'] }, location: { locationId }, onHand: 6 } }),
      'meanwhile',
    );
    await page.getByRole('button', { name: 'Apply to 2 place(s)' }).click();
    const results = page.getByTestId('bulk-results');
    await results.waitFor();
    await expect(results.locator('tr[data-item="BK-1"] [data-testid="outcome"]').textContent()).resolves.toBe('applied');
    await expect(results.locator('tr[data-item="BK-2"] [data-testid="outcome"]').textContent()).resolves.toBe('conflict');
    await expect(results.locator('tr[data-item="BK-2"] [data-testid="outcome-detail"]').textContent()).resolves.toContain('now 6');
    await page
      .getByTestId('bulk-summary')
      .getByText(/^1 applied, 0 unchanged, 1 changed meanwhile/)
      .waitFor();
    // The table is read again: the applied place shows its new figure, the other what it holds now.
    await page.waitForFunction(() => document.querySelector('[data-testid="items-table"] tr[data-item="BK-1"] [data-testid="on-hand"]')?.textContent === '3');
    await expect(row('BK-2').getByTestId('on-hand').textContent()).resolves.toBe('6');
    expect((await ledgerOf('BK-1'))[0].reference).toBe('admin console: cycle count');
    expect((await ledgerOf('BK-2')).some((e) => e.reference === 'admin console: cycle count')).toBe(false);
    await screenshot(page, '40-items-bulk-edit');
  });

  it('sets a stock policy on every place shown, and the statuses follow', async () => {
    await page.getByRole('checkbox', { name: 'Select every row shown' }).check();
    await page.getByTestId('bulk-selected').getByText('4 place(s) selected.').waitFor();
    await page.getByRole('combobox', { name: 'Change' }).click();
    await page.getByRole('option', { name: 'Set the stock policy' }).click();
    await page.getByRole('combobox', { name: 'Stock policy' }).click();
    await page.getByRole('option', { name: 'Discontinued' }).click();
    await page.getByRole('textbox', { name: /Reason/ }).fill('range ends');
    await page.getByRole('button', { name: 'Apply to 4 place(s)' }).click();
    await page
      .getByTestId('bulk-summary')
      .getByText(/^4 applied/)
      .waitFor();
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('[data-testid="items-table"] tbody [data-testid="status"]')).every((s) => s.textContent === 'discontinued'),
    );
    expect((await ledgerOf('BK-3'))[0].reference).toBe('admin console: range ends');
    // Back to selling from stock, for the pages that follow.
    await page.getByRole('checkbox', { name: 'Select every row shown' }).check();
    await page.getByRole('combobox', { name: 'Stock policy' }).click();
    await page.getByRole('option', { name: 'Sell from stock' }).click();
    await page.getByRole('textbox', { name: /Reason/ }).fill('range continues');
    await page.getByRole('button', { name: 'Apply to 4 place(s)' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="items-table"] tr[data-item="BK-3"] [data-testid="status"]')?.textContent === 'in stock',
    );
  });

  it('charts on hand on a time axis labelled with dates, with a summary and a table of the changes', async () => {
    await page.goto(`${baseUrl}/admin/items/${ids['BK-1']}`);
    const chart = page.getByTestId('on-hand-chart');
    await chart.locator('path.recharts-line-curve').nth(1).waitFor({ state: 'attached' });
    // The y axis ticks are plain numbers; the x axis ticks are times, labelled with their date.
    const ticks = (await chart.locator('.recharts-cartesian-axis-tick-value').allTextContents()).filter((t) => !/^-?\d+$/.test(t));
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    // A month's name and a day of it (any month: a run may cross midnight at a month's end).
    expect(ticks.every((t) => /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b/.test(t))).toBe(true);
    await page
      .getByTestId('on-hand-summary')
      .getByText(/^WH-BULK: 5 on .*, 3 on .*, \d+ change\(s\)\.$/)
      .waitFor();
    await page.getByText('The changes as a table').click();
    expect(await page.getByTestId('on-hand-changes').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
  });

  it('shows thresholds per location and edits the low-stock threshold with a reason in the ledger', async () => {
    const level = page.locator('[data-testid="levels-table"] tr[data-location="WH-BULK"]');
    await expect(level.getByTestId('low-stock-threshold').textContent()).resolves.toBe('none');
    await level.getByRole('button', { name: 'Edit thresholds' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Low-stock threshold' }).fill('10');
    await dialog.getByRole('textbox', { name: /Reason/ }).fill('busy season');
    await dialog.getByRole('button', { name: 'Save thresholds' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('tr[data-location="WH-BULK"] [data-testid="low-stock-threshold"]')?.textContent === '10');
    expect((await ledgerOf('BK-1'))[0].reference).toBe('admin console: busy season');
    await screenshot(page, '41-item-thresholds-chart');
  });

  it('lists the places under their threshold on the low-stock page, the most short first, linking to each item', async () => {
    await page.getByRole('link', { name: 'Low stock' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Low stock' }).waitFor();
    const table = page.getByTestId('low-stock-table');
    await table.waitFor();
    const order = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-item')}@${r.getAttribute('data-location')}`));
    expect(order).toEqual(['BK-1@WH-BULK', 'BK-LOW@WH-BULK']);
    await expect(table.locator('tr[data-item="BK-1"] [data-testid="shortfall"]').textContent()).resolves.toBe('7');
    await expect(table.locator('tr[data-item="BK-LOW"] [data-testid="threshold"]').textContent()).resolves.toContain('4');
    await page.getByRole('link', { name: 'Channels' }).last().waitFor();
    await screenshot(page, '42-low-stock');
    await table.getByRole('link', { name: 'BK-LOW' }).click();
    await page.getByTestId('item-title').getByText('BK-LOW').waitFor();
  });
});
