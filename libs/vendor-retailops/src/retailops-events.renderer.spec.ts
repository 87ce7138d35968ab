import type { BatchReport } from '@tally/inventory-application';
import { eventsOfReport, renderEvents, RetailopsCodes, type PushEvent } from './retailops-events.renderer';

const event: PushEvent = { level: 'error', code: RetailopsCodes.invalidField, message: 'bad', field: 'inventory_updates[0].sku', sku: 'S1' };

describe('renderEvents', () => {
  it('spells events in the SDK shape', () => {
    expect(renderEvents('sdk', [event])).toEqual({
      events: [
        {
          event_type: 'error',
          code: 'RETAILOPS.INVALID_FIELD',
          message: 'bad',
          diagnostic_data: 'inventory_updates[0].sku',
          associations: [{ identifier_type: 'sku_number', identifier: 'S1' }],
        },
      ],
    });
  });

  it('spells events in the document shape', () => {
    expect(renderEvents('documented', [{ ...event, field: undefined, sku: null }])).toEqual({
      events: [{ status: 'error', error_code: 'RETAILOPS.INVALID_FIELD', error_message: 'bad', diagnostic_data: [], associations: [] }],
    });
  });

  it('answers an empty list when all is well', () => {
    expect(renderEvents('sdk', [])).toEqual({ events: [] });
  });
});

describe('eventsOfReport', () => {
  it('gives one error per SKU and reason, and warnings for stale lines', () => {
    const unknown = { code: 'INVENTORY.UNKNOWN_ITEM' as const, message: 'no item with sku A' };
    const report: BatchReport = {
      lines: [
        { lineNo: 1, status: 'rejected', itemId: null, locationId: null, error: unknown, warnings: [] },
        { lineNo: 2, status: 'rejected', itemId: null, locationId: null, error: unknown, warnings: [] },
        { lineNo: 3, status: 'stale', itemId: 'i', locationId: 'l', warnings: [] },
        { lineNo: 4, status: 'applied', itemId: 'i', locationId: 'l', warnings: [] },
      ],
      counts: { applied: 1, unchanged: 0, observed: 0, stale: 1, conflict: 0, rejected: 2 },
      createdItemIds: [],
    };
    const events = eventsOfReport(
      report,
      new Map([
        [1, 'A'],
        [2, 'A'],
        [3, 'B'],
        [4, 'C'],
      ]),
    );
    expect(events).toEqual([
      { level: 'error', code: 'INVENTORY.UNKNOWN_ITEM', message: 'no item with sku A', sku: 'A' },
      { level: 'warning', code: 'RETAILOPS.STALE', message: 'an update newer than this one was already applied', sku: 'B' },
    ]);
  });

  it("names a line the batch added (a snapshot's zeroing line) by the SKU of its item", () => {
    const report: BatchReport = {
      lines: [
        { lineNo: 1, status: 'applied', itemId: 'i', locationId: 'FB', warnings: [] },
        { lineNo: 2, status: 'applied', itemId: 'i', locationId: 'FA', warnings: [{ code: 'INVENTORY.OBSERVED_NOT_APPLIED', message: 'noted' }] },
      ],
      counts: { applied: 2, unchanged: 0, observed: 0, stale: 0, conflict: 0, rejected: 0 },
      createdItemIds: [],
    };
    expect(eventsOfReport(report, new Map([[1, 'S']]))).toEqual([{ level: 'warning', code: 'INVENTORY.OBSERVED_NOT_APPLIED', message: 'noted', sku: 'S' }]);
  });

  it("names the place of a line kept as an observation, since the SKU's other places may have applied", () => {
    const observed = {
      code: 'INVENTORY.OBSERVED_NOT_APPLIED' as const,
      message: "not applied, kept as this connection's observation: the location follows connection c1 (single-source)",
    };
    const report: BatchReport = {
      lines: [
        { lineNo: 1, status: 'observed', itemId: 'i', locationId: 'l1', warnings: [observed] },
        { lineNo: 2, status: 'applied', itemId: 'i', locationId: 'l2', warnings: [] },
      ],
      counts: { applied: 1, unchanged: 0, observed: 1, stale: 0, conflict: 0, rejected: 0 },
      createdItemIds: [],
    };
    const events = eventsOfReport(
      report,
      new Map([
        [1, 'S'],
        [2, 'S'],
      ]),
      new Map([
        [1, 'retailops:channel:21'],
        [2, 'retailops:facility:FB'],
      ]),
    );
    expect(events).toEqual([{ level: 'warning', code: observed.code, message: `at retailops:channel:21: ${observed.message}`, sku: 'S' }]);
  });
});
