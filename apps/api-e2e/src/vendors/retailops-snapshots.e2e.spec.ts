import { targets } from '../support/e2e-targets.state';
import {
  documentedPush,
  itemIdOf,
  ledgerCount,
  levelsByCode,
  ORDERS,
  PUSH_V1,
  retailopsTenant,
  sdkAnswerErrors,
  sdkPush,
  sellableOf,
  type RetailopsFixture,
} from './retailops.e2e-helper';

/** One push of a SKU: its top-line figure and its places (null: no breakdown at all, `{}`: an empty one). */
interface Step {
  readonly available: number;
  readonly places: Record<string, number> | null;
}

type Shape = 'sdk' | 'documented';

/** The body of a step in a shape: SDK places are facilities (internal rows), documented ones vendors. */
function bodyOf(shape: Shape, ro: RetailopsFixture, sku: string, step: Step): Record<string, unknown> {
  if (shape === 'documented') return documentedPush(ro.token, sku, step.available, step.places ?? {});
  const detail =
    step.places === null
      ? {}
      : {
          quantity_detail: Object.entries(step.places).map(([facility_name, available_quantity]) => ({
            quantity_type: 'internal',
            facility_name,
            available_quantity,
          })),
        };
  return sdkPush(ro.token, [{ sku, quantity_available: step.available, ...detail }]);
}

const pathOf = (shape: Shape): string => (shape === 'sdk' ? PUSH_V1 : ORDERS);
const place = (shape: Shape, name: string): string => (shape === 'sdk' ? `retailops:facility:${name}` : `retailops:vendor:${name}`);

const SEQUENCES: [name: string, sells: number, steps: Step[]][] = [
  [
    '6 at FA, then 0 with an empty breakdown',
    0,
    [
      { available: 6, places: { FA: 6 } },
      { available: 0, places: {} },
    ],
  ],
  [
    '7 at FA, then 4 with no breakdown',
    4,
    [
      { available: 7, places: { FA: 7 } },
      { available: 4, places: null },
    ],
  ],
  [
    '6 at FA, then 6 at FB',
    6,
    [
      { available: 6, places: { FA: 6 } },
      { available: 6, places: { FB: 6 } },
    ],
  ],
  [
    '5, 3, 5 at FA',
    5,
    [
      { available: 5, places: { FA: 5 } },
      { available: 3, places: { FA: 3 } },
      { available: 5, places: { FA: 5 } },
    ],
  ],
  [
    '4, 5, 4 at FA',
    4,
    [
      { available: 4, places: { FA: 4 } },
      { available: 5, places: { FA: 5 } },
      { available: 4, places: { FA: 4 } },
    ],
  ],
  [
    '5, 3, 5 without a breakdown',
    5,
    [
      { available: 5, places: null },
      { available: 3, places: null },
      { available: 5, places: null },
    ],
  ],
];

describe.each(targets())('RetailOPS pushes are snapshots on %s (ADR 0031)', (_kind, target) => {
  describe.each<Shape>(['sdk', 'documented'])('in the %s shape', (shape) => {
    it.each(SEQUENCES)('%s sells %i, and a retry of the last push writes no ledger entry', async (_name, sells, steps) => {
      const ro = await retailopsTenant(target);
      const sku = `SNAP-${shape}`;
      let last: Record<string, unknown> = {};
      for (const step of steps) {
        last = bodyOf(shape, ro, sku, step);
        const answer = await ro.push(pathOf(shape), last);
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ events: [] });
      }
      expect(await sellableOf(ro.admin, sku)).toBe(sells);
      const entries = await ledgerCount(ro.admin);
      const retry = await ro.push(pathOf(shape), last);
      expect(retry.body).toEqual({ events: [] });
      expect(await ledgerCount(ro.admin)).toBe(entries);
      expect(await sellableOf(ro.admin, sku)).toBe(sells);
    });

    it('zeroes a place the push leaves out, with ledger cause snapshot_zeroed, and leaves the other SKUs alone', async () => {
      const ro = await retailopsTenant(target);
      await ro.push(pathOf(shape), bodyOf(shape, ro, 'KEEP', { available: 2, places: { FA: 2 } }));
      await ro.push(pathOf(shape), bodyOf(shape, ro, 'MOVE', { available: 6, places: { FA: 6 } }));
      await ro.push(pathOf(shape), bodyOf(shape, ro, 'MOVE', { available: 6, places: { FB: 6 } }));
      const levels = await levelsByCode(ro.admin, await itemIdOf(ro.admin, 'MOVE'));
      expect(levels[place(shape, 'FA')].figures).toMatchObject({ availableReported: 0, onHand: 0 });
      expect(levels[place(shape, 'FB')].figures).toMatchObject({ availableReported: 6 });
      const zeroed = (await ro.admin('GET', '/api/v1/ledger?cause=snapshot_zeroed')).body.items;
      expect(zeroed).toHaveLength(1);
      expect(zeroed[0]).toMatchObject({ locationId: levels[place(shape, 'FA')].locationId, after: { figures: { availableReported: 0 } } });
      expect(await sellableOf(ro.admin, 'KEEP')).toBe(2);
    });
  });

  it('accepts a negative quantity_available (oversold): the channel sells 0, and the answer warns', async () => {
    const ro = await retailopsTenant(target);
    await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'OVER', quantity_available: 5 }]));
    const answer = await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'OVER', quantity_available: -3 }]));
    expect(answer.status).toBe(200);
    expect(sdkAnswerErrors(answer.body)).toEqual([]);
    expect(answer.body.events).toEqual([
      {
        event_type: 'warning',
        code: 'RETAILOPS.OVERSOLD',
        message: 'inventory_updates[0].quantity_available is -3: the channel is oversold and sells 0',
        diagnostic_data: 'inventory_updates[0].quantity_available',
        associations: [{ identifier_type: 'sku_number', identifier: 'OVER' }],
      },
    ]);
    expect(await sellableOf(ro.admin, 'OVER')).toBe(0);
    const documented = await ro.push(ORDERS, documentedPush(ro.token, 'OVER-DOC', -2, {}));
    expect(documented.body.events).toEqual([
      expect.objectContaining({ status: 'warning', error_code: 'RETAILOPS.OVERSOLD', diagnostic_data: ['data.inventory.data.qty_available'] }),
    ]);
    expect(await sellableOf(ro.admin, 'OVER-DOC')).toBe(0);
  });

  it('counts inflight (po) rows in the breakdown check: no warning when they make up the difference, one when nothing does', async () => {
    const ro = await retailopsTenant(target);
    const rows = [
      { quantity_type: 'internal', facility_name: 'DC1', available_quantity: 2 },
      { quantity_type: 'inflight', po: 'PO-1', po_destination: 'DC1', available_quantity: 3 },
    ];
    const even = await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'PO-EVEN', quantity_available: 5, quantity_detail: rows }]));
    expect(even.body).toEqual({ events: [] });
    // Inflight units are incoming, not sellable.
    expect(await sellableOf(ro.admin, 'PO-EVEN')).toBe(2);
    const odd = await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'PO-ODD', quantity_available: 9, quantity_detail: rows }]));
    expect(odd.body.events).toEqual([
      expect.objectContaining({ event_type: 'warning', code: 'RETAILOPS.BREAKDOWN_MISMATCH', message: expect.stringContaining('adds up to 5') }),
    ]);
  });
});
