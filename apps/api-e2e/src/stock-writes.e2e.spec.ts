import { targets } from './support/e2e-targets.state';
import { CREATE, freshTenant, levelOf, setStock, unique } from './support/tenant.fixtures';
import type { Client } from '@tally/test-support';

describe.each(targets())('stock writes on %s', (_kind, target) => {
  let admin: Client;
  beforeAll(async () => {
    admin = (await freshTenant(target)).admin;
  });
  const write = (op: string, json: Record<string, unknown>) => admin('POST', `/api/v1/stock-levels/${op}`, { json });

  it('sets figures absolutely, keeping the fields it does not name', async () => {
    const sku = unique('SKU');
    const first = await setStock(admin, sku, 'WH-SET', { onHand: 10, reserved: 2, price: '19.99', currency: 'EUR', attributes: { color: 'red' } });
    expect(first.status).toBe('applied');
    const second = await write('set', { item: { sku }, location: { code: 'WH-SET' }, onHand: 7, attributes: { size: 'L' } });
    expect(second.body).toMatchObject({ status: 'applied', itemCreated: false });
    const level = await levelOf(admin, first.itemId, first.locationId);
    expect(level.figures).toMatchObject({ onHand: 7, reserved: 2 });
    expect(level.details).toMatchObject({ price: '19.99', currency: 'EUR', attributes: { color: 'red', size: 'L' } });
    expect(level.version).toBe(2);
    expect((await write('set', { item: { sku }, location: { code: 'WH-SET' }, onHand: 7 })).body.status).toBe('unchanged');
  });

  it('adjusts by a delta and refuses to go below zero with 409 and the current value', async () => {
    const sku = unique('SKU');
    const placed = await setStock(admin, sku, 'WH-ADJ', { onHand: 5 });
    const place = { item: { sku }, location: { code: 'WH-ADJ' } };
    expect((await write('adjust', { ...place, delta: -3 })).body.status).toBe('applied');
    const refused = await write('adjust', { ...place, delta: -4 });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'INVENTORY.NEGATIVE_NOT_ALLOWED', current: 2 });
    expect((await write('adjust', { ...place, delta: -4, allowNegative: true })).status).toBe(200);
    expect((await levelOf(admin, placed.itemId, placed.locationId)).figures.onHand).toBe(-2);
  });

  it('compare-and-sets only on the expected value, else 409 with the current one', async () => {
    const sku = unique('SKU');
    const place = { item: { sku }, location: { code: 'WH-CAS' }, ...CREATE };
    const created = await write('compare-and-set', { ...place, expected: null, value: 4 });
    expect(created.body).toMatchObject({ status: 'applied', itemCreated: true });
    const mismatch = await write('compare-and-set', { ...place, expected: 3, value: 9 });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body).toMatchObject({ code: 'INVENTORY.EXPECTED_MISMATCH', current: 4, errors: [{ field: 'expected' }] });
    expect((await write('compare-and-set', { ...place, expected: 4, value: 9 })).body.status).toBe('applied');
    expect((await levelOf(admin, created.body.itemId, created.body.locationId)).figures.onHand).toBe(9);
    const onAvailable = await write('compare-and-set', { ...place, figure: 'available', expected: 1, value: 2 });
    expect(onAvailable.body).toMatchObject({ status: 409, current: null });
  });

  it('removes a record, which is not the same as zero', async () => {
    const zero = await setStock(admin, unique('SKU'), 'WH-RM', { onHand: 0 });
    const gone = await setStock(admin, unique('SKU'), 'WH-RM', { onHand: 6 });
    const removed = await write('remove', { item: { itemId: gone.itemId }, location: { locationId: gone.locationId } });
    expect(removed.body.status).toBe('applied');
    expect(await levelOf(admin, gone.itemId, gone.locationId)).toBeUndefined();
    expect(await levelOf(admin, gone.itemId, gone.locationId, true)).toMatchObject({ present: false, availability: { status: 'unavailable' } });
    expect(await levelOf(admin, zero.itemId, zero.locationId)).toMatchObject({
      present: true,
      figures: { onHand: 0 },
      availability: { status: 'out_of_stock' },
    });
    const cas = await write('compare-and-set', { item: { itemId: gone.itemId }, location: { locationId: gone.locationId }, expected: 0, value: 1 });
    expect(cas.body).toMatchObject({ status: 409, current: null });
  });

  it('refuses unknown items and locations unless told to create them, and stale source times', async () => {
    const sku = unique('SKU');
    const unknownItem = await write('set', { item: { sku }, location: { code: 'WH-X' }, onHand: 1, createLocationsAs: 'store' });
    expect(unknownItem.body).toMatchObject({ status: 422, code: 'INVENTORY.UNKNOWN_ITEM' });
    const unknownLocation = await write('set', { item: { sku }, location: { code: unique('NOWHERE') }, onHand: 1, unknownItemPolicy: 'create' });
    expect(unknownLocation.body).toMatchObject({ status: 422, code: 'INVENTORY.UNKNOWN_LOCATION' });
    const place = { item: { sku }, location: { code: 'WH-TIME' }, ...CREATE };
    expect((await write('set', { ...place, onHand: 5, sourceTimestamp: '2026-03-01T10:00:00Z' })).status).toBe(200);
    const stale = await write('set', { ...place, onHand: 1, sourceTimestamp: '2026-03-01T09:00:00Z' });
    expect(stale.body).toMatchObject({ status: 409, code: 'INVENTORY.STALE_UPDATE' });
  });

  it('applies a batch in document order, line by line', async () => {
    const sku = unique('SKU');
    const answer = await admin('POST', '/api/v1/stock-levels/batch', {
      json: {
        ...CREATE,
        lines: [
          { op: 'set', item: { sku }, location: { code: 'WH-B' }, onHand: 10 },
          { op: 'adjust', item: { sku }, location: { code: 'WH-B' }, delta: -1 },
          { op: 'compare_and_set', item: { sku }, location: { code: 'WH-B' }, expected: 100, value: 0 },
          { op: 'set', item: { gtin: '4006381333931' }, location: { code: 'WH-B' }, onHand: 3 },
          { op: 'set', item: { gtin: '4006381333932' }, location: { code: 'WH-B' }, onHand: 3 },
          // Removing what never existed changes nothing.
          { op: 'remove', item: { sku: unique('GONE') }, location: { code: 'WH-B' }, sourceTimestamp: null },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.lines.map((l: { status: string }) => l.status)).toEqual(['applied', 'applied', 'conflict', 'applied', 'rejected', 'unchanged']);
    expect(answer.body.lines[1].warnings[0].code).toBe('BATCH.DUPLICATE_LINE');
    expect(answer.body.lines[2]).toMatchObject({ current: 9, error: { code: 'INVENTORY.EXPECTED_MISMATCH' } });
    expect(answer.body.lines[4].error).toMatchObject({ code: 'IDENTIFIER.BAD_CHECK_DIGIT', field: 'lines[4].item.gtin' });
    expect(answer.body.counts).toEqual({ applied: 3, unchanged: 1, observed: 0, stale: 0, conflict: 1, rejected: 1 });
    expect(answer.body.createdItemIds).toHaveLength(3);
    const level = await levelOf(admin, answer.body.lines[0].itemId, answer.body.lines[0].locationId);
    expect(level.figures.onHand).toBe(9);
  });
});
