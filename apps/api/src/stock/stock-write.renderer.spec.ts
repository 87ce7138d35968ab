import type { BatchReport } from '@tally/inventory-application';
import { mergeRejected, renderSingle } from './stock-write.renderer';

const report = (line: BatchReport['lines'][number], created: string[] = []): BatchReport => ({
  lines: [line],
  counts: { applied: 0, unchanged: 0, observed: 0, stale: 0, conflict: 0, rejected: 0, [line.status]: 1 },
  createdItemIds: created,
});

describe('renderSingle', () => {
  it('answers 200 with the outcome of an applied write', () => {
    const answer = renderSingle(report({ lineNo: 1, status: 'applied', itemId: 'i', locationId: 'l', warnings: [] }, ['i']));
    expect(answer).toEqual({ status: 200, body: { status: 'applied', itemId: 'i', locationId: 'l', itemCreated: true, warnings: [] } });
  });

  it('answers 409 with the current value on a compare-and-set mismatch', () => {
    const error = { code: 'INVENTORY.EXPECTED_MISMATCH' as const, message: 'expected 1 but it is 2', field: 'expected' };
    const answer = renderSingle(report({ lineNo: 1, status: 'conflict', itemId: 'i', locationId: 'l', error, current: 2, warnings: [] }));
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ code: 'INVENTORY.EXPECTED_MISMATCH', current: 2, status: 409 });
  });

  it('answers a refusal with the status of its code', () => {
    const error = { code: 'INVENTORY.UNKNOWN_ITEM' as const, message: 'no item with sku X', field: 'sku' };
    const answer = renderSingle(report({ lineNo: 1, status: 'rejected', itemId: null, locationId: null, error, warnings: [] }));
    expect(answer).toMatchObject({ status: 422, body: { code: 'INVENTORY.UNKNOWN_ITEM', errors: [{ field: 'sku' }] } });
  });
});

describe('mergeRejected', () => {
  it('puts refused lines back in document order and recounts', () => {
    const merged = mergeRejected(report({ lineNo: 2, status: 'applied', itemId: 'i', locationId: 'l', warnings: [] }), [
      { lineNo: 1, status: 'rejected', itemId: null, locationId: null, warnings: [] },
    ]);
    expect(merged.lines.map((l) => l.lineNo)).toEqual([1, 2]);
    expect(merged.counts).toMatchObject({ applied: 1, rejected: 1 });
  });
});
