import type { Browser, BrowserContext, Page } from 'playwright-core';
import { client, createTenant, expectStatus, type Client } from '@tally/test-support';
import { ConsoleWatch, launchBrowser, openPage, screenshot, signIn } from './support/browser';
import { serverState } from './support/server.process';
import { newWebhookSecret, startWebhookRecorder, type WebhookRecorder } from './support/webhook-recorder';

const { baseUrl, adminKey } = serverState();

/** Waits until the text of the first element a selector finds matches (the page refreshes the sync by itself). */
async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 30_000): Promise<void> {
  await page.waitForFunction(
    ({ selector, source, flags }) => new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? '\u0000'),
    { selector, source: pattern.source, flags: pattern.flags },
    { timeout },
  );
}

describe('channels in the console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let recorder: WebhookRecorder;
  /** A tenant of its own: the other console scenarios count their tenant's items. */
  let tenant: Client;
  let tenantKey: string;
  const watch = new ConsoleWatch();

  beforeAll(async () => {
    browser = await launchBrowser();
    recorder = await startWebhookRecorder(newWebhookSecret());
    const created = await createTenant(client(baseUrl, adminKey));
    tenantKey = created.adminKey;
    tenant = client(baseUrl, tenantKey);
    ({ context, page } = await openPage(browser, watch));
    await signIn(page, baseUrl, tenantKey, '/admin/channels');
  });
  afterEach(() => {
    expect(watch.take()).toEqual([]);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await recorder?.close();
  });

  it('creates a webhook channel from the dialect’s schemas, showing a refused field next to it', async () => {
    await page.getByRole('link', { name: 'Channels' }).waitFor();
    await page.getByTestId('empty').waitFor();
    await page.getByRole('button', { name: 'New channel' }).click();
    const form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Name').fill('Subscriber');
    await form.getByRole('combobox', { name: 'Dialect' }).click();
    // The console offers the dialects the server describes, by their titles.
    const dialects: { dialect: string; title: string }[] = expectStatus(await tenant('GET', '/api/v1/channel-dialects'), 'dialects').items;
    const webhookTitle = dialects.find((d) => d.dialect === 'webhook')?.title ?? 'webhook';
    await page.getByRole('option', { name: webhookTitle }).waitFor();
    expect(await page.getByRole('option').allTextContents()).toEqual(dialects.map((d) => d.title));
    await page.getByRole('option', { name: webhookTitle }).click();
    // The webhook's schemas: a `path` setting, a required `secret` and an optional `previousSecret`, both password inputs.
    await expect(form.getByLabel(/^secret/).getAttribute('type')).resolves.toBe('password');
    await expect(form.getByLabel(/^previousSecret/).getAttribute('type')).resolves.toBe('password');
    await form.getByLabel('path').fill('/hooks/tally');
    await form.getByLabel(/^secret/).fill(recorder.secret);

    watch.allow(/status of 422/); // the browser logs the refused creation
    await form.getByLabel('Base URL').fill('ftp://nowhere.example');
    await form.getByRole('button', { name: 'Create channel' }).click();
    const baseUrlError = form.locator('[id$="-error"]', { hasText: 'baseUrl must be an absolute http or https URL' });
    await baseUrlError.waitFor();
    await expect(form.getByLabel('Base URL').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(form.getByTestId('form-error').textContent()).resolves.toContain('REQUEST.INVALID');
    await screenshot(page, '13-channel-refused');

    await form.getByLabel('Base URL').fill(recorder.url);
    await form.getByRole('button', { name: 'Create channel' }).click();
    await page.getByTestId('channel-title').waitFor();
    await expect(page.getByTestId('channel-title').textContent()).resolves.toBe(`Subscriber ${webhookTitle}`);
    await expect(page.getByTestId('channel-settings').textContent()).resolves.toContain('secret (never shown)');
    expect(await page.content()).not.toContain(recorder.secret);
    const [stored] = expectStatus(await tenant('GET', '/api/v1/channels'), 'channels').items;
    expect(stored).toMatchObject({
      name: 'Subscriber',
      dialect: 'webhook',
      baseUrl: recorder.url,
      settings: { path: '/hooks/tally' },
      credentialFields: ['secret'],
    });
  });

  it('shows an item’s available-to-sell, then its synced state and the delivery once the dispatcher sent it', async () => {
    const set = await tenant('POST', '/api/v1/stock-levels/set', {
      json: { item: { sku: 'HOOK-1', name: 'Hook tea' }, location: { code: 'WH-C' }, onHand: 7, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
    });
    expect(set.status).toBe(200);
    const row = '[data-testid="availability-table"] tr[data-item="HOOK-1"]';
    await waitForText(page, `${row} [data-testid="shown"]`, /^7$/);
    await expect(page.locator(`${row} [data-testid="sellable"]`).textContent()).resolves.toBe('7');
    await expect(page.locator(row).getByRole('link').textContent()).resolves.toBe('Hook tea');
    await waitForText(page, `${row} [data-testid="sync-state"]`, /^synced$/);
    await expect(page.locator(`${row} [data-testid="last-sent"]`).textContent()).resolves.toMatch(/^7 at /);
    await waitForText(page, '[data-testid="deliveries-table"] tbody tr [data-testid="delivery-sent"]', /^[1-9]\d*$/);
    await waitForText(page, '[data-testid="sync-Synced"]', /^Synced1$/);
    await screenshot(page, '14-channel-synced');

    // What arrived: a signed message at the channel's URL and path, naming the item by its SKU.
    const message = recorder.messages.find((m) => m.body?.data?.items?.some((i: { identifier: string }) => i.identifier === 'HOOK-1'));
    expect(message).toMatchObject({ path: '/hooks/tally', signed: true, body: { type: 'inventory.availability.changed' } });
    expect(message?.body.data.items.find((i: { identifier: string }) => i.identifier === 'HOOK-1')).toMatchObject({ quantity: 7, unlimited: false });
  });

  it('edits the rules without touching the credentials; the new figure is sent, still signed', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByRole('form', { name: 'Edit Subscriber' });
    await expect(form.getByTestId('credential-fields').textContent()).resolves.toContain('Set: secret.');
    expect(await form.getByLabel(/^secret/).count()).toBe(0); // credentials are typed only to replace them
    await form.getByLabel('Max shown').fill('5');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    await expect(
      page
        .getByTestId('channel-settings')
        .getByRole('row', { name: /Max shown/ })
        .textContent(),
    ).resolves.toBe('Max shown5');
    const row = '[data-testid="availability-table"] tr[data-item="HOOK-1"]';
    await waitForText(page, `${row} [data-testid="shown"]`, /^5$/);
    await waitForText(page, `${row} [data-testid="last-sent"]`, /^5 at /);
    await expect(page.locator(`${row} [data-testid="sellable"]`).textContent()).resolves.toBe('7');
    const last = recorder.messages.at(-1);
    expect(last).toMatchObject({ signed: true, body: { data: { items: [{ identifier: 'HOOK-1', quantity: 5 }] } } });

    // The filter: nothing changed after a date far ahead.
    await page.getByLabel('Changed since').fill('2999-01-01T00:00');
    await page.getByTestId('empty').filter({ hasText: 'No item changed since then.' }).waitFor();
    await page.getByLabel('Changed since').fill('');
    await page.locator(row).waitFor();
  });

  it('replays no dead letter, resyncs every item, and lists the channel with its sync', async () => {
    await page.getByTestId('empty').filter({ hasText: 'No dead letter' }).waitFor();
    await page.getByRole('button', { name: 'Replay all' }).click();
    await expect(page.getByTestId('replay-result').textContent()).resolves.toBe('0 items marked for sending again.');
    const before = recorder.messages.length;
    await page.getByRole('button', { name: 'Resync all' }).click();
    await expect(page.getByTestId('resync-result').textContent()).resolves.toBe('1 item marked for sending.');
    // The resync's delivery reaches the subscriber after the answer: wait for it, not for the rows already listed.
    for (let waited = 0; recorder.messages.length <= before && waited < 15_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(recorder.messages.length).toBeGreaterThan(before);
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="deliveries-table"] tbody tr').length >= count, 2);

    await page.getByRole('link', { name: 'Channels' }).click();
    const listed = '[data-testid="channels-table"] tr[data-channel="Subscriber"]';
    await waitForText(page, `${listed} [data-testid="synced"]`, /^1$/);
    await expect(page.locator(`${listed} [data-testid="dead"]`).textContent()).resolves.toBe('0');
    await screenshot(page, '15-channels');
    // The name is a link: reached and followed from the keyboard.
    await page.locator(listed).getByRole('link', { name: 'Subscriber' }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('channel-title').waitFor();
  });

  it('a read-only key sees the channel and can change nothing', async () => {
    const key = expectStatus(await tenant('POST', '/api/v1/api-keys', { json: { name: 'auditor', role: 'read_only' } }), 'read-only key', 201).secret;
    const { context: readOnly, page: auditor } = await openPage(browser, watch);
    try {
      await signIn(auditor, baseUrl, key, '/admin/channels');
      await auditor.locator('[data-testid="channels-table"] tr[data-channel="Subscriber"]').waitFor();
      expect(await auditor.getByRole('button', { name: 'New channel' }).count()).toBe(0);
      await auditor.locator('[data-channel="Subscriber"]').getByRole('link').click();
      await auditor.getByTestId('availability-table').waitFor();
      for (const name of ['Edit', 'Pause', 'Delete', 'Resync all', 'Replay all']) {
        expect([name, await auditor.getByRole('button', { name, exact: true }).isDisabled()]).toEqual([name, true]);
      }
    } finally {
      await readOnly.close();
    }
  });

  it('pauses, resumes and deletes the channel after confirmation', async () => {
    await page.getByRole('button', { name: 'Pause' }).click();
    await waitForText(page, '[data-testid="channel-status"]', /^paused$/);
    await page.getByRole('button', { name: 'Resume' }).click();
    await waitForText(page, '[data-testid="channel-status"]', /^active$/);

    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('button', { name: 'Delete' }).click();
    expect(expectStatus(await tenant('GET', '/api/v1/channels'), 'channels').items).toHaveLength(1);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByTestId('empty').filter({ hasText: 'No channel yet' }).waitFor();
    expect(expectStatus(await tenant('GET', '/api/v1/channels'), 'channels').items).toEqual([]);
  });
});
