import { client } from '@tally/test-support';
import { targets } from './support/e2e-targets.state';
import { CREATE, freshTenant } from './support/tenant.fixtures';

describe.each(targets())('stock export on %s', (_kind, target) => {
  it('streams every present level as CSV or NDJSON, as the command line imports it back', async () => {
    const { admin } = await freshTenant(target);
    const lines = [
      { op: 'set', item: { sku: 'EX-1', name: 'Mug, "large"' }, location: { code: 'WH-X' }, onHand: 4, reserved: 1 },
      { op: 'set', item: { sku: 'EX-2' }, location: { code: 'WH-X' }, onHand: 0 },
      { op: 'set', item: { sku: 'EX-2' }, location: { code: 'WH-Y' }, onHand: 9 },
      { op: 'set', item: { sku: 'EX-3' }, location: { code: 'WH-Y' }, onHand: 2 },
    ];
    expect((await admin('POST', '/api/v1/stock-levels/batch', { json: { ...CREATE, lines } })).status).toBe(200);
    expect((await admin('POST', '/api/v1/stock-levels/remove', { json: { item: { sku: 'EX-3' }, location: { code: 'WH-Y' } } })).status).toBe(200);

    const csv = await admin('GET', '/api/v1/stock-levels/export?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="stock-levels-\d{4}-\d{2}-\d{2}\.csv"$/);
    const [header, ...rows] = (csv.body as string).trimEnd().split('\n');
    const column = (name: string) => header.split(',').indexOf(name);
    expect(column('sku')).toBeGreaterThanOrEqual(0);
    expect(rows).toHaveLength(3); // the removed place is left out
    expect(rows.filter((r) => r.includes('EX-2') && r.includes('WH-Y'))).toHaveLength(1);
    expect(rows.some((r) => r.includes('"Mug, ""large"""'))).toBe(true);

    const ndjson = await admin('GET', '/api/v1/stock-levels/export?format=ndjson');
    expect(ndjson.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const records = (ndjson.body as string)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((r) => [r.sku, r.location, r.onHand]).sort()).toEqual([
      ['EX-1', 'WH-X', 4],
      ['EX-2', 'WH-X', 0],
      ['EX-2', 'WH-Y', 9],
    ]);
  });

  it('is refused without a key, and names a format it does not write', async () => {
    expect((await client(target.baseUrl, null)('GET', '/api/v1/stock-levels/export')).status).toBe(401);
    const { admin } = await freshTenant(target);
    const refused = await admin('GET', '/api/v1/stock-levels/export?format=xml');
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.errors)).toContain('format');
  });
});
