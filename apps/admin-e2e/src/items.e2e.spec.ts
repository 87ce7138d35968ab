import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { client, createTenant, expectStatus } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';

const { baseUrl, adminKey } = serverState();
const COLOURS = ['Navy', 'Red', 'Olive'];
const ITEMS = 250;

/** Item n: a hoodie in a colour and size; every 10th out of stock, every 10th + 1 low on stock. */
function line(n: number) {
  const onHand = n % 10 === 0 ? 0 : n % 10 === 1 ? 2 : 20 + (n % 7);
  return {
    op: 'set',
    item: { sku: `HD-${String(n).padStart(3, '0')}`, name: `Hoodie, ${COLOURS[n % 3]}, ${n % 2 ? 'L' : 'M'}` },
    location: { code: n % 2 ? 'WH-EAST' : 'WH-WEST' },
    onHand,
    lowStockThreshold: 5,
  };
}

describe('the items list and the overview in the console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    browser = await launchBrowser();
    const { adminKey: key } = await createTenant(client(baseUrl, adminKey));
    const tenant = client(baseUrl, key);
    const lines = Array.from({ length: ITEMS }, (_, i) => line(i + 1));
    expectStatus(await tenant('POST', '/api/v1/stock-levels/batch', { json: { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines } }), 'seed');
    ({ context, page } = await openPage(browser, watch));
    await signIn(page, baseUrl, key, '/admin/items');
  });
  afterEach(() => {
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  const shown = async () => Number(/^(\d+)/.exec((await page.getByTestId('items-shown').textContent()) ?? '')?.[1]);
  const skus = () => page.locator('[data-testid="items-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')));

  it('shows each item with its figures and status, and pages past 100 until every item is shown once', async () => {
    await page.getByTestId('items-table').waitFor();
    expect(await shown()).toBe(100);
    const first = page.locator('[data-testid="items-table"] tr[data-item="HD-030"]');
    await expect(first.getByTestId('on-hand').textContent()).resolves.toBe('0');
    await expect(first.getByTestId('status').textContent()).resolves.toBe('out of stock');
    await page.getByRole('button', { name: 'Load 100 more' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="items-table"] tbody tr').length === 200);
    await page.getByRole('button', { name: 'Load 100 more' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="items-table"] tbody tr').length === n, ITEMS);
    expect(await page.getByRole('button', { name: 'Load 100 more' }).count()).toBe(0);
    expect(new Set(await skus()).size).toBe(ITEMS);
  });

  it('filters by status on the server and keeps the filter in the URL', async () => {
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Low on stock' }).click();
    await page.waitForURL(/status=low_stock/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="items-table"] tbody tr').length === 25);
    expect((await skus()).every((sku) => Number(sku?.slice(3)) % 10 === 1)).toBe(true);
    await screenshot(page, '21-items-low-stock');
    await page.reload();
    await page.getByTestId('items-table').waitFor();
    expect(await shown()).toBe(25);
  });

  it('searches every word in any order over name and identifiers, and sorts by a column', async () => {
    await page.goto(`${baseUrl}/admin/items`);
    await page.getByLabel('Search').fill('navy hoodie l');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/q=navy/);
    await page.getByTestId('items-table').waitFor();
    const found = await skus();
    const expected = Array.from({ length: ITEMS }, (_, i) => i + 1).filter((n) => n % 3 === 0 && n % 2 === 1);
    expect(found.length).toBe(expected.length);
    await page.getByRole('button', { name: 'On hand' }).click();
    await page.waitForURL(/sort=onHand/);
    await page.waitForFunction(() => document.querySelector('[data-testid="items-table"] th[aria-sort="ascending"]') !== null);
    const onHand = await page.locator('[data-testid="items-table"] tbody [data-testid="on-hand"]').allTextContents();
    expect(onHand.map(Number)).toEqual([...onHand.map(Number)].sort((a, b) => a - b));
    await screenshot(page, '22-items-search-sorted');
  });

  it('filters the ledger by a SKU, labels every entry by its item, and says when no item has the SKU', async () => {
    await page.goto(`${baseUrl}/admin/ledger`);
    await page.getByLabel('Item').fill('HD-250');
    await page.getByLabel('Item').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ledger-table"] tbody tr').length === 1);
    await expect(page.locator('[data-testid="ledger-table"] tbody tr').textContent()).resolves.toContain('HD-250');
    watch.allow(/status of 404/); // the browser logs the look-up that finds no item
    await page.getByLabel('Item').fill('NO-SUCH-SKU');
    await page.getByLabel('Item').press('Enter');
    await page.getByText('No item has the SKU, GTIN or part number “NO-SUCH-SKU”.').waitFor();
    expect(await page.getByTestId('ledger-table').count()).toBe(0);
    await page.getByLabel('Item').fill('');
    await page.getByLabel('Item').press('Enter');
    await page.getByTestId('ledger-table').waitFor();
    const labels = await page.locator('[data-testid="ledger-table"] tbody tr td:nth-child(2)').allTextContents();
    expect(labels.length).toBe(100);
    expect(labels.every((label) => /^HD-\d{3}$/.test(label))).toBe(true);
  });

  it('downloads every level as a CSV file', async () => {
    await page.goto(`${baseUrl}/admin/items`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export levels (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^stock-levels-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path()) ?? '', 'utf8');
    const [header, ...rows] = text.trimEnd().split('\n');
    expect(header.split(',')).toEqual(expect.arrayContaining(['sku', 'location', 'onHand']));
    expect(rows).toHaveLength(ITEMS);
    expect(rows.some((row) => row.startsWith('HD-250,') || row.includes(',HD-250,'))).toBe(true);
  });

  it('counts on the overview what the lists hold, each tile a link to its list', async () => {
    await page.goto(`${baseUrl}/admin/`);
    await page.getByTestId('tile-Items out of stock').waitFor();
    await expect(page.getByTestId('tile-Items').textContent()).resolves.toBe(`Items${ITEMS}`);
    await expect(page.getByTestId('tile-Items out of stock').textContent()).resolves.toBe('Items out of stock25');
    await expect(page.getByTestId('tile-Items low on stock').textContent()).resolves.toBe('Items low on stock25');
    await page.getByTestId('tile-Items out of stock').click();
    await page.waitForURL(/\/admin\/items\?status=out_of_stock/);
    await page.getByTestId('items-table').waitFor();
    expect(await shown()).toBe(25);
  });
  it("manages an item's identifiers on its page: adds one, is told who holds a taken one, merges that item in, removes one", async () => {
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`${baseUrl}/admin/items?q=HD-001`);
    await page.getByRole('link', { name: 'HD-001' }).click();
    const card = page.getByTestId('identifiers');
    await card.waitFor();
    await card.getByLabel('Value').fill('PN-ONE');
    await card.getByRole('combobox', { name: 'New identifier' }).click();
    await page.getByRole('option', { name: 'Part number' }).click();
    await card.getByRole('button', { name: 'Add identifier' }).click();
    await card.locator('tr[data-identifier="PN-ONE"]').waitFor();

    watch.allow(/status of 409/); // the browser logs the refused identifier
    await card.getByRole('combobox', { name: 'New identifier' }).click();
    await page.getByRole('option', { name: 'SKU' }).click();
    await card.getByLabel('Value').fill('HD-002');
    await card.getByRole('button', { name: 'Add identifier' }).click();
    await card.getByTestId('identifier-error').waitFor();

    await card.getByLabel('Merge another item into this one').fill('HD-002');
    await card.getByRole('button', { name: 'Merge into this item' }).click();
    await card.getByTestId('merge-done').waitFor();
    await card.locator('tr[data-identifier="HD-002"]').waitFor();
    await screenshot(page, '24-item-identifiers');

    await card.locator('tr[data-identifier="PN-ONE"]').getByRole('button', { name: 'Remove' }).click();
    await card.locator('tr[data-identifier="PN-ONE"]').waitFor({ state: 'detached' });
    expect(await card.locator('tbody tr').count()).toBe(2); // HD-001 and HD-002
  });
});
