import { targets } from './support/e2e-targets.state';
import { freshTenant, levelOf, setStock, unique } from './support/tenant.fixtures';
import type { Client } from '@tally/test-support';

/**
 * The console's bulk edit and threshold edit, as the canonical API carries them: one batch of
 * compare-and-set lines against the on hand the operator saw, one batch of `set` lines for a
 * policy, a `set` for thresholds; each with the operator's reason as the ledger's reference.
 */
describe.each(targets())('bulk edits through one batch on %s', (_kind, target) => {
  let admin: Client;
  beforeAll(async () => {
    admin = (await freshTenant(target)).admin;
  });
  const batch = (json: Record<string, unknown>) => admin('POST', '/api/v1/stock-levels/batch', { json });
  const ledgerOf = async (itemId: string) => (await admin('GET', `/api/v1/ledger?itemId=${itemId}&limit=10`)).body.items;
  const place = (p: { itemId: string; locationId: string }) => ({ item: { itemId: p.itemId }, location: { locationId: p.locationId } });

  it('applies the places still as seen and reports the changed one as a conflict with its current value, writing nothing there', async () => {
    const code = unique('WH');
    const a = await setStock(admin, unique('BE'), code, { onHand: 5 });
    const b = await setStock(admin, unique('BE'), code, { onHand: 8 });
    // Someone else's change after the operator looked.
    expect((await admin('POST', '/api/v1/stock-levels/set', { json: { ...place(b), onHand: 6 } })).status).toBe(200);
    const answer = await batch({
      reference: 'admin console: cycle count',
      lines: [
        { op: 'compare_and_set', ...place(a), figure: 'on_hand', expected: 5, value: 3 },
        { op: 'compare_and_set', ...place(b), figure: 'on_hand', expected: 8, value: 6 },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.lines).toMatchObject([
      { lineNo: 1, status: 'applied', itemId: a.itemId },
      { lineNo: 2, status: 'conflict', itemId: b.itemId, current: 6, error: { code: 'INVENTORY.EXPECTED_MISMATCH' } },
    ]);
    expect(answer.body.counts).toMatchObject({ applied: 1, conflict: 1 });
    expect((await levelOf(admin, a.itemId, a.locationId)).figures.onHand).toBe(3);
    expect((await levelOf(admin, b.itemId, b.locationId)).figures.onHand).toBe(6);
    const [latest] = await ledgerOf(a.itemId);
    expect(latest).toMatchObject({ reference: 'admin console: cycle count', before: { figures: { onHand: 5 } }, after: { figures: { onHand: 3 } } });
    expect((await ledgerOf(b.itemId)).some((e: { reference: string | null }) => e.reference === 'admin console: cycle count')).toBe(false);
  });

  it('sets a stock policy on each place absolutely, ledgered with the reason, and the availability follows', async () => {
    const code = unique('WH');
    const a = await setStock(admin, unique('BE'), code, { onHand: 0 });
    const b = await setStock(admin, unique('BE'), code, { onHand: 4 });
    const answer = await batch({
      reference: 'admin console: supplier stopped',
      lines: [a, b].map((p) => ({ op: 'set', ...place(p), restriction: 'discontinued', backorderPolicy: 'none', infinite: false })),
    });
    expect(answer.body.lines.map((l: { status: string }) => l.status)).toEqual(['applied', 'applied']);
    for (const p of [a, b]) {
      const level = await levelOf(admin, p.itemId, p.locationId);
      expect(level).toMatchObject({ figures: { restriction: 'discontinued' }, availability: { status: 'discontinued' } });
      expect((await ledgerOf(p.itemId))[0]).toMatchObject({
        reference: 'admin console: supplier stopped',
        after: { figures: { restriction: 'discontinued' } },
      });
    }
    const backorder = await batch({ lines: [{ op: 'set', ...place(a), restriction: 'none', backorderPolicy: 'backorder' }] });
    expect(backorder.body.lines[0].status).toBe('applied');
    expect((await levelOf(admin, a.itemId, a.locationId)).availability.status).toBe('backorderable');
  });

  it('refuses a malformed batch whole with 422 naming the line’s field, and changes nothing', async () => {
    const a = await setStock(admin, unique('BE'), unique('WH'), { onHand: 2 });
    for (const bad of [
      { line: { op: 'compare_and_set', ...place(a), expected: 2, value: 1.5 }, field: 'lines[1].value' },
      { line: { op: 'set', ...place(a), restriction: 'gone' }, field: 'lines[1].restriction' },
    ]) {
      const answer = await batch({ reference: 'admin console: recount', lines: [{ op: 'compare_and_set', ...place(a), expected: 2, value: 7 }, bad.line] });
      expect(answer.status).toBe(422);
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain(bad.field);
    }
    expect((await levelOf(admin, a.itemId, a.locationId)).figures.onHand).toBe(2);
  });

  it('edits the thresholds of a place with a reason kept in the ledger, and the status follows them', async () => {
    const a = await setStock(admin, unique('BE'), unique('WH'), { onHand: 6 });
    const answer = await admin('POST', '/api/v1/stock-levels/set', {
      json: { ...place(a), lowStockThreshold: 6, safetyStock: 1, outOfStockThreshold: 0, reference: 'admin console: busy season' },
    });
    expect(answer.body.status).toBe('applied');
    const level = await levelOf(admin, a.itemId, a.locationId);
    expect(level).toMatchObject({ figures: { lowStockThreshold: 6, safetyStock: 1, onHand: 6 }, availability: { status: 'low_stock', sellable: 5 } });
    expect((await ledgerOf(a.itemId))[0]).toMatchObject({
      reference: 'admin console: busy season',
      before: { figures: { lowStockThreshold: null, safetyStock: 0 } },
      after: { figures: { lowStockThreshold: 6, safetyStock: 1 } },
    });
    const low = (await admin('GET', `/api/v1/stock-levels/low-stock?locationId=${a.locationId}`)).body;
    expect(low.places).toMatchObject([{ itemId: a.itemId, threshold: 6, headroom: 5, shortfall: 1 }]);
  });
});
