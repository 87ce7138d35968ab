import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, client, kiboToken, waitForJobEnd } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';

const { baseUrl, adminKey } = serverState();
/** Calls the API over HTTP from the test (what a vendor or a script would do). */
const call = client(baseUrl, null);
const admin = bearer(adminKey);
const CREATE = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse' } as const;

/** Submits a Kibo refresh of a location and answers the job id. */
async function refresh(token: string, locationName: string, items: Record<string, unknown>[]): Promise<number> {
  const answer = await call('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName, items }, headers: bearer(token) });
  expect(answer.status).toBe(200);
  return answer.body.jobID;
}

async function finished(jobId: number): Promise<void> {
  await waitForJobEnd(client(baseUrl, adminKey), jobId, 30_000);
}

async function itemIdOf(sku: string): Promise<string> {
  const answer = await call('GET', `/api/v1/items/lookup?sku=${sku}`, { headers: admin });
  expect(answer.status).toBe(200);
  return answer.body.id;
}

async function onHandOf(sku: string, locationCode: string): Promise<number | null> {
  const detail = (await call('GET', `/api/v1/items/${await itemIdOf(sku)}`, { headers: admin })).body;
  const location = (await call('GET', '/api/v1/locations?limit=500', { headers: admin })).body.items.find((l: { code: string }) => l.code === locationCode);
  return detail.levels.find((l: { locationId: string }) => l.locationId === location.id)?.figures.onHand ?? null;
}

async function createConnectionViaApi(dialect: string, name: string): Promise<string> {
  const answer = await call('POST', '/api/v1/connections', { json: { dialect, name }, headers: admin });
  expect(answer.status).toBe(201);
  return answer.body.connection.id;
}

/** A connection's report at a place; `observed`: the place follows another connection (202, not applied). */
async function report(connectionId: string, sku: string, onHand: number, code: string, outcome: 'applied' | 'observed'): Promise<void> {
  const answer = await call('POST', '/api/v1/stock-levels/set', {
    json: { item: { sku }, location: { code }, onHand, connectionId, ...CREATE },
    headers: admin,
  });
  expect({ status: answer.status, outcome: answer.body.status }).toEqual({ status: outcome === 'applied' ? 200 : 202, outcome });
}

describe('the operator console in Chromium', () => {
  let browser: Browser;
  const watch = new ConsoleWatch();
  const contexts: BrowserContext[] = [];
  const kibo: { credentialId: string; secret: string } = { credentialId: '', secret: '' };

  const adminPage = async (path = '/admin/'): Promise<Page> => {
    const { context, page } = await openPage(browser, watch);
    contexts.push(context);
    await signIn(page, baseUrl, adminKey, path);
    return page;
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

  it('signs in with an API key that never lands in browser storage, and signs out', async () => {
    const { context, page } = await openPage(browser, watch);
    contexts.push(context);
    await page.goto(`${baseUrl}/admin/`);
    await page.getByLabel('API key').waitFor();
    await screenshot(page, '01-sign-in');
    await page.getByLabel('API key').fill(adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('role').textContent()).resolves.toBe('admin');

    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
    expect(stored).not.toContain(adminKey);
    expect(stored).not.toContain('tally_session'); // HttpOnly: scripts cannot read it
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'tally_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.value).not.toContain(adminKey);
    await screenshot(page, '02-overview-empty');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await context.cookies()).toEqual([]);
  });

  it('creates a connection and shows its endpoints and credentials once', async () => {
    const page = await adminPage('/admin/connections');
    await page.getByTestId('empty').waitFor();
    await page.getByLabel('Name').fill('Kibo storefront');
    await page.getByRole('combobox', { name: 'Dialect' }).click();
    // The console offers exactly the dialects the server describes, in its order: it names none itself.
    const described = (await call('GET', '/api/v1/dialects', { headers: admin })).body.items.map((d: { name: string }) => d.name);
    await page.getByRole('option', { name: 'kibo' }).waitFor();
    expect(await page.getByRole('option').allTextContents()).toEqual(described);
    await page.getByRole('option', { name: 'kibo' }).click();
    await page.getByRole('button', { name: 'Create connection' }).click();
    const credentials = page.getByTestId('credentials');
    await credentials.waitFor();
    await page.getByTestId('connect-endpoint').first().waitFor();
    kibo.credentialId = (await page.getByTestId('credential-id').textContent()) ?? '';
    kibo.secret = (await page.getByTestId('secret').textContent()) ?? '';
    expect(kibo.secret.length).toBeGreaterThan(20);
    await expect(credentials.textContent()).resolves.toContain(`${baseUrl}/kibo/api/v5/inventory/refresh`);
    await page.locator('[data-connection="Kibo storefront"]').waitFor();
    await screenshot(page, '03-connections-created');

    await page.reload();
    await page.locator('[data-connection="Kibo storefront"]').waitFor();
    expect(await page.getByTestId('credentials').count()).toBe(0);
    expect(await page.content()).not.toContain(kibo.secret);
  });

  it('finds an item a vendor pushed and shows its levels, observations and on-hand chart', async () => {
    const token = await kiboToken(baseUrl, kibo.credentialId, kibo.secret);
    await finished(await refresh(token, 'WH-1', [{ sku: 'TEA-1', partNumber: 'P-TEA', quantity: 12 }]));
    await finished(await refresh(token, 'WH-1', [{ sku: 'TEA-1', partNumber: 'P-TEA', quantity: 9 }]));
    await finished(await refresh(token, 'STORE-2', [{ sku: 'TEA-1', partNumber: 'P-TEA', quantity: 4 }]));

    const set = await call('POST', '/api/v1/stock-levels/set', {
      json: { item: { gtin: '036000291452', name: 'Green tea' }, location: { code: 'WH-1' }, onHand: 3, ...CREATE },
      headers: admin,
    });
    expect(set.status).toBe(200);

    const page = await adminPage('/admin/items');
    // Any GTIN form finds the item: it was named by its UPC-A, it is searched by its EAN-13.
    await page.getByLabel('Search').fill('0036000291452');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('items-table').getByText('Green tea').waitFor();
    await expect(page.getByTestId('items-table').locator('tbody tr').count()).resolves.toBe(1);
    await page.getByLabel('Search').fill('p-tea');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('items-table').getByText('TEA-1').waitFor();
    await screenshot(page, '04-items-search');
    await page.getByTestId('items-table').getByText('TEA-1').click();
    await page.getByTestId('levels-table').waitFor();
    await expect(page.locator('[data-location="WH-1"] [data-testid="on-hand"]').textContent()).resolves.toBe('9');
    await expect(page.locator('[data-location="STORE-2"] [data-testid="on-hand"]').textContent()).resolves.toBe('4');
    // Connection names arrive with their own request: wait for them rather than read the table at once.
    await page.getByTestId('observations-table').getByText('Kibo storefront').first().waitFor();
    await page.getByTestId('on-hand-chart').locator('path.recharts-line-curve').nth(1).waitFor({ state: 'attached' });
    expect(await page.getByTestId('on-hand-chart').locator('path.recharts-line-curve').count()).toBe(2); // WH-1 and STORE-2
    expect(await page.getByTestId('ledger-table').locator('tbody tr').count()).toBe(3);
    await screenshot(page, '05-item-page');
  });

  it('resolves a discrepancy by choosing a source; the decision lands in the ledger', async () => {
    const a = await createConnectionViaApi('canonical', 'Warehouse system');
    const b = await createConnectionViaApi('comestri', 'Shop floor count');
    await report(a, 'MUG-7', 10, 'WH-D', 'applied');
    await report(b, 'MUG-7', 7, 'WH-D', 'observed');

    const page = await adminPage('/admin/discrepancies');
    const card = page.locator('[data-testid="discrepancy"][data-item="MUG-7"]');
    await card.waitFor();
    await expect(card.getByRole('row', { name: /Warehouse system/ }).textContent()).resolves.toMatch(/^Warehouse system10—/);
    await expect(card.getByRole('row', { name: /Shop floor count/ }).textContent()).resolves.toMatch(/^Shop floor count7—/);
    await screenshot(page, '06-discrepancies');
    await card
      .getByRole('row', { name: /Shop floor count/ })
      .getByRole('button', { name: 'Use this source' })
      .click();
    await page.getByTestId('empty').waitFor();
    expect(await onHandOf('MUG-7', 'WH-D')).toBe(7);

    await page.getByRole('link', { name: 'Ledger' }).click();
    await page.getByRole('combobox', { name: 'Cause' }).click();
    await page.getByRole('option', { name: 'discrepancy_resolved' }).click();
    const row = page.locator('[data-testid="ledger-table"] tr[data-cause="discrepancy_resolved"]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await expect(row.textContent()).resolves.toMatch(/MUG-7WH-D10 → 7discrepancy_resolved/);
    await screenshot(page, '07-ledger');
  });

  it("shows a job's progress until it finishes, with every rejected line and its reason", async () => {
    const token = await kiboToken(baseUrl, kibo.credentialId, kibo.secret);
    const lines = Array.from({ length: 400 }, (_, n) => ({ sku: `BULK-${String(n).padStart(4, '0')}`, quantity: n % 7 }));
    lines.splice(3, 0, { sku: 'NEG-1', quantity: -1 });
    const jobId = await refresh(token, 'WH-BULK', lines);

    const page = await adminPage('/admin/jobs');
    await page.locator(`[data-job="${jobId}"]`).click();
    const status = page.getByTestId('job-status');
    await status.waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="job-status"]')?.textContent === 'SUCCESS', undefined, { timeout: 60_000 });
    await expect(page.getByTestId('job-progress').textContent()).resolves.toContain('401 of 401 lines handled');
    await expect(page.getByTestId('job-messages').textContent()).resolves.toMatch(/3sku NEG-1REQUEST\.INVALIDitems\[3\]\.quantity must be at least 0/);
    await screenshot(page, '08-job');
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.getByTestId('jobs-table').waitFor();
    await screenshot(page, '09-jobs');
  });

  it('a read-only key sees everything and can change nothing', async () => {
    const created = await call('POST', '/api/v1/api-keys', { json: { name: 'auditor', role: 'read_only' }, headers: admin });
    expect(created.status).toBe(201);
    const a = await createConnectionViaApi('canonical', 'Auditor test A');
    const b = await createConnectionViaApi('canonical', 'Auditor test B');
    await report(a, 'CUP-3', 5, 'WH-R', 'applied');
    await report(b, 'CUP-3', 6, 'WH-R', 'observed');

    const { context, page } = await openPage(browser, watch);
    contexts.push(context);
    await signIn(page, baseUrl, created.body.secret, '/admin/discrepancies');
    await expect(page.getByTestId('role').textContent()).resolves.toBe('read-only');
    const card = page.locator('[data-testid="discrepancy"][data-item="CUP-3"]');
    await card.waitFor();
    for (const button of await card.getByRole('button').all()) expect(await button.isDisabled()).toBe(true);

    await page.getByRole('link', { name: 'Connections' }).click();
    await page.getByTestId('connections-table').waitFor();
    expect(await page.getByRole('button', { name: 'Create connection' }).count()).toBe(0);
    for (const button of await page.getByRole('button', { name: /Rotate|Revoke/ }).all()) expect(await button.isDisabled()).toBe(true);
    await screenshot(page, '10-connections-read-only');

    await page.goto(`${baseUrl}/admin/items/${await itemIdOf('TEA-1')}`);
    await page.getByTestId('levels-table').waitFor();
    for (const button of await page.getByRole('button', { name: 'Edit on hand' }).all()) expect(await button.isDisabled()).toBe(true);

    // The session itself refuses writes, whatever the page shows.
    const write = await context.request.post(`${baseUrl}/api/v1/stock-levels/set`, {
      data: { item: { sku: 'TEA-1' }, location: { code: 'WH-1' }, onHand: 999 },
    });
    expect(write.status()).toBe(403);
    expect((await context.request.get(`${baseUrl}/api/v1/items`)).status()).toBe(200);
    expect(await onHandOf('TEA-1', 'WH-1')).toBe(9);
  });

  it('two operators editing one level get a conflict, not a lost update', async () => {
    const itemPath = `/admin/items/${await itemIdOf('TEA-1')}`;
    const first = await adminPage(itemPath);
    const second = await adminPage(itemPath);
    for (const page of [first, second]) {
      await page.locator('[data-location="WH-1"]').getByRole('button', { name: 'Edit on hand' }).click();
      await expect(page.getByTestId('expected').textContent()).resolves.toBe('9');
    }
    await first.getByLabel('New on hand').fill('11');
    await first.getByRole('button', { name: 'Save' }).click();
    await first.getByRole('dialog').waitFor({ state: 'detached' });
    await expect(first.locator('[data-location="WH-1"] [data-testid="on-hand"]').textContent()).resolves.toBe('11');

    watch.allow(/status of 409/); // the browser logs the refused compare-and-set
    await second.getByLabel('New on hand').fill('12');
    await second.getByRole('button', { name: 'Save' }).click();
    await second.getByTestId('conflict').waitFor();
    await expect(second.getByTestId('current').textContent()).resolves.toBe('11');
    await expect(second.getByTestId('expected').textContent()).resolves.toBe('11');
    expect(await onHandOf('TEA-1', 'WH-1')).toBe(11);
    await screenshot(second, '11-conflict');

    await second.getByRole('button', { name: 'Save' }).click();
    await second.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await onHandOf('TEA-1', 'WH-1')).toBe(12);
  });

  it('refuses to save an empty on hand, keeps a typed negative as typed, and puts the reason in the ledger', async () => {
    const itemId = await itemIdOf('TEA-1');
    const before = await onHandOf('TEA-1', 'WH-1');
    const page = await adminPage(`/admin/items/${itemId}`);
    await page.locator('[data-location="WH-1"]').getByRole('button', { name: 'Edit on hand' }).click();
    await page.getByLabel('New on hand').fill('');
    await page.getByText('Enter the new on hand: a whole number.').waitFor();
    await expect(page.getByRole('button', { name: 'Save' }).isDisabled()).resolves.toBe(true);
    await screenshot(page, '11b-empty-on-hand');
    expect(await onHandOf('TEA-1', 'WH-1')).toBe(before);

    await page.getByLabel('New on hand').fill('-2');
    await page.getByLabel('Reason (kept in the ledger)').fill('oversold at the counter');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await onHandOf('TEA-1', 'WH-1')).toBe(-2);
    await expect(page.locator('[data-location="WH-1"] [data-testid="on-hand"]').textContent()).resolves.toBe('-2');
    const ledger = await call('GET', `/api/v1/ledger?itemId=${itemId}&limit=1`, { headers: admin });
    expect(ledger.body.items[0]).toMatchObject({ reference: 'admin console: oversold at the counter', after: { figures: { onHand: -2 } } });
  });

  it('the overview counts what happened and charts the ledger activity by connection', async () => {
    const page = await adminPage('/admin/');
    await page.getByTestId('activity-chart').locator('.recharts-bar-rectangle').first().waitFor();
    await expect(page.getByTestId('tile-Items').textContent()).resolves.toMatch(/Items\d+/);
    const items = Number((await page.getByTestId('tile-Items').textContent())?.replace('Items', ''));
    expect(items).toBe(404); // TEA-1, Green tea, MUG-7, CUP-3 and the 400 of the bulk refresh
    await expect(page.getByTestId('tile-Open discrepancies').textContent()).resolves.toBe('Open discrepancies1');
    await page.getByTestId('activity-chart').getByText('Kibo storefront').first().waitFor();
    await screenshot(page, '12-overview');
  });

  it("shows an item's open discrepancy on its page and resolves it there by a counted quantity", async () => {
    // A location of its own: WH-D follows the connection that reported there first.
    const a = await createConnectionViaApi('canonical', 'Bowl source');
    const b = await createConnectionViaApi('comestri', 'Bowl count');
    await report(a, 'BOWL-2', 9, 'WH-BOWL', 'applied');
    await report(b, 'BOWL-2', 5, 'WH-BOWL', 'observed');

    const page = await adminPage(`/admin/items/${await itemIdOf('BOWL-2')}`);
    const section = page.getByTestId('item-discrepancies');
    const card = section.locator('[data-testid="discrepancy"]');
    await card.getByRole('row', { name: /Bowl count/ }).waitFor();
    expect(await card.count()).toBe(1);
    await expect(card.getByRole('row', { name: /Bowl source/ }).textContent()).resolves.toMatch(/^Bowl source9—/);
    await card.getByRole('textbox', { name: 'Or enter the counted quantity' }).fill('6');
    await card.getByRole('button', { name: 'Set this value' }).click();
    await section.getByTestId('empty').waitFor();
    expect(await onHandOf('BOWL-2', 'WH-BOWL')).toBe(6);
  });
});
