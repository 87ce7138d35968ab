import type { Client } from '@tally/test-support';
import { createChannel } from './channels/channel-api.e2e-helper';
import { targets } from './support/e2e-targets.state';
import { createConnection, freshTenant, setStock, unique } from './support/tenant.fixtures';

/** A CSV answer as records by its header's column names (the cells here hold no commas or quotes). */
function rowsOf(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trimEnd().split('\r\n');
  const columns = header.split(',');
  return rows.map((row) => Object.fromEntries(row.split(',').map((cell, i) => [columns[i], cell])));
}

async function csvOf(admin: Client, path: string): Promise<Record<string, string>[]> {
  const answer = await admin('GET', path);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return rowsOf(answer.body as string);
}

describe.each(targets())('ledger and channel exports on %s', (_kind, target) => {
  it('exports the ledger entries each filter of the list selects, with SKUs and key names, as CSV or NDJSON', async () => {
    const { admin } = await freshTenant(target);
    const sku = unique('LX');
    const placed = await setStock(admin, sku, 'WH-E1', { onHand: 5 });
    await admin('POST', '/api/v1/stock-levels/adjust', { json: { item: { sku }, location: { code: 'WH-E1' }, delta: 2 } });
    const other = await setStock(admin, sku, 'WH-E2', { onHand: 9 });
    const { connection } = await createConnection(admin);
    await setStock(admin, unique('LY'), 'WH-E1', { onHand: 1 }, { connectionId: connection.id });
    const everything = (await admin('GET', '/api/v1/ledger?limit=500')).body.items;

    const all = await csvOf(admin, '/api/v1/ledger/export?format=csv');
    expect(all.map((r) => r['id'])).toEqual(everything.map((e: { id: string }) => e.id));
    const adjust = all.find((r) => r['cause'] === 'adjust');
    expect(adjust).toMatchObject({ sku, location: 'WH-E1', onHandBefore: '5', onHandAfter: '7', presentAfter: 'true', itemId: placed.itemId });
    expect(adjust?.['actorName']).not.toBe('');

    const filters: [string, (r: Record<string, string>) => boolean][] = [
      [`itemId=${placed.itemId}`, (r) => r['itemId'] === placed.itemId],
      [`locationId=${other.locationId}`, (r) => r['locationId'] === other.locationId],
      [`connectionId=${connection.id}`, (r) => r['connectionId'] === connection.id],
      ['cause=adjust', (r) => r['cause'] === 'adjust'],
      [`from=${encodeURIComponent(everything[1].recordedAt)}`, (r) => r['recordedAt'] >= everything[1].recordedAt],
      [`to=${encodeURIComponent(everything[1].recordedAt)}`, (r) => r['recordedAt'] < everything[1].recordedAt],
    ];
    for (const [query, keeps] of filters) {
      const rows = await csvOf(admin, `/api/v1/ledger/export?${query}`);
      const expected = all.filter(keeps);
      expect([query, rows.map((r) => r['id'])]).toEqual([query, expected.map((r) => r['id'])]);
      expect(rows.length).toBeLessThan(all.length);
    }

    const ndjson = await admin('GET', `/api/v1/ledger/export?format=ndjson&itemId=${placed.itemId}`);
    expect(ndjson.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-\d{4}-\d{2}-\d{2}\.ndjson"$/);
    const records = (ndjson.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => [r.sku, r.cause, r.onHandAfter])).toEqual([
      [sku, 'set', 9],
      [sku, 'adjust', 7],
      [sku, 'set', 5],
    ]);
  });

  it('writes only the header for an empty ledger, and refuses bad filters with 422 naming them', async () => {
    const { admin } = await freshTenant(target);
    const empty = await admin('GET', '/api/v1/ledger/export');
    expect(empty.status).toBe(200);
    expect((empty.body as string).split('\r\n')[0]).toMatch(/^recordedAt,sku,/);
    expect(rowsOf(empty.body as string)).toEqual([]);
    for (const [query, field] of [
      ['format=xml', 'format'],
      ['cause=nope', 'cause'],
      ['from=yesterday', 'from'],
    ]) {
      const refused = await admin('GET', `/api/v1/ledger/export?${query}`);
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].field).toBe(field);
    }
  });

  it("exports a channel's available-to-sell as CSV, every page of it", async () => {
    const { admin } = await freshTenant(target);
    const channel = await createChannel(admin, {
      name: 'export',
      dialect: 'webhook',
      status: 'paused',
      baseUrl: 'http://127.0.0.1:9',
      settings: { path: '/hook' },
      credentials: { secret: `whsec_${Buffer.from('file-exports-e2e-webhook-secret-0123456').toString('base64')}` },
    });
    await setStock(admin, 'CH-1', 'WH-C', { onHand: 6, reserved: 2 });
    await setStock(admin, 'CH-2', 'WH-C', { onHand: 0, infinite: true });
    const listed = (await admin('GET', `/api/v1/channels/${channel.id}/availability?limit=500`)).body.items;
    const rows = await csvOf(admin, `/api/v1/channels/${channel.id}/availability/export`);
    expect(rows.map((r) => r['itemId']).sort()).toEqual(listed.map((a: { itemId: string }) => a.itemId).sort());
    expect(rows.find((r) => r['identifier'] === 'CH-1')).toMatchObject({ quantity: '4', sellable: '4', unlimited: 'false' });
    expect(rows.find((r) => r['identifier'] === 'CH-2')).toMatchObject({ quantity: '', unlimited: 'true' });
    const missing = await admin('GET', '/api/v1/channels/00000000-0000-7000-8000-000000000000/availability/export');
    expect(missing.status).toBe(404);
  });
});
