import { targets } from '../support/e2e-targets.state';
import type { RequestOptions } from '@tally/test-support';
import { documentedExample, PUSH_V1, ORDERS, retailopsTenant, sdkAnswerErrors, sdkPush, stockSnapshot, type RetailopsFixture } from './retailops.e2e-helper';

type Case = [name: string, path: string, request: (ro: RetailopsFixture) => RequestOptions, statuses: number[]];

const raw = (text: string): RequestOptions => ({ raw: text, headers: { 'content-type': 'application/json' } });
const json = (body: unknown): RequestOptions => ({ json: body });
const sku = (ro: RetailopsFixture, update: unknown): RequestOptions => json(sdkPush(ro.token, [update]));
const row = (ro: RetailopsFixture, detail: unknown): RequestOptions => sku(ro, { sku: 'M-ROW', quantity_available: 1, quantity_detail: [detail] });
const documentedSku = (ro: RetailopsFixture, patch: Record<string, unknown>): RequestOptions => {
  const body = documentedExample(ro.token) as { data: { inventory: { data: Record<string, unknown> } } };
  Object.assign(body.data.inventory.data, patch);
  return json(body);
};
/** `{"n":{"n":…1…}}` as text: too deep for JSON.stringify to build. */
const nestedText = (depth: number): string => `${'{"n":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nested = (depth: number): unknown => JSON.parse(nestedText(depth));
const EVENTS = [200];
const ENVELOPE = [400];

/** 50 malformed deliveries: none may answer 5xx or change anything. */
const CASES: Case[] = [
  ['truncated JSON', PUSH_V1, () => raw('{"action": "inventory_push", "version": '), ENVELOPE],
  ['empty body with a JSON type', PUSH_V1, () => raw(''), ENVELOPE],
  ["trailing comma (the document's response example style)", PUSH_V1, () => raw('{"action": "inventory_push", "version": 1,}'), ENVELOPE],
  ['leading zero', PUSH_V1, () => raw('{"action": "inventory_push", "version": 01}'), ENVELOPE],
  ['single quotes', PUSH_V1, () => raw("{'action': 'inventory_push'}"), ENVELOPE],
  ['__proto__ key', PUSH_V1, () => raw('{"__proto__": {"admin": true}, "action": "inventory_push"}'), ENVELOPE],
  ['null body', PUSH_V1, () => raw('null'), ENVELOPE],
  ['array body', PUSH_V1, (ro) => json([sdkPush(ro.token, [])]), ENVELOPE],
  ['string body', ORDERS, () => raw('"inventory_push"'), ENVELOPE],
  ['number body', ORDERS, () => raw('42'), ENVELOPE],
  ['deep nesting', PUSH_V1, (ro) => raw(JSON.stringify(sdkPush(ro.token, [])).replace(/}$/, `, "extra": ${nestedText(5000)}}`)), ENVELOPE],
  ['deep nesting inside a SKU', PUSH_V1, (ro) => sku(ro, { sku: 'M-DEEP', quantity_available: 1, extra: nested(40) }), ENVELOPE],
  ['empty object without a token', PUSH_V1, () => json({}), [401]],
  ['token as a number', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), integration_auth_token: 42 }), [401]],
  ['token as an array', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), integration_auth_token: [ro.token] }), [401]],
  ['empty token', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), integration_auth_token: '' }), [401]],
  ['garbage Basic header', PUSH_V1, () => ({ json: { action: 'inventory_push' }, headers: { authorization: 'Basic %%%' } }), [401]],
  ['missing action', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), action: undefined }), ENVELOPE],
  ['action as a number', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), action: 1 }), ENVELOPE],
  ['version as a string', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), version: '1' }), ENVELOPE],
  ['version as a fraction', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), version: 1.5 }), ENVELOPE],
  ['missing client_id', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), client_id: undefined }), ENVELOPE],
  ['client_id as a string', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), client_id: '497' }), ENVELOPE],
  ['missing channel_info', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), channel_info: undefined }), ENVELOPE],
  ['channel_info as a number', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), channel_info: 21 }), ENVELOPE],
  ['inventory_updates as an object', PUSH_V1, (ro) => json({ ...sdkPush(ro.token, []), inventory_updates: { sku: 'M-OBJ' } }), ENVELOPE],
  [
    'inventory_updates beyond 100,000 SKUs',
    PUSH_V1,
    (ro) =>
      json(
        sdkPush(
          ro.token,
          Array.from({ length: 100_001 }, () => ({})),
        ),
      ),
    ENVELOPE,
  ],
  ['documented: data as an array', ORDERS, (ro) => json({ ...documentedExample(ro.token), data: [] }), ENVELOPE],
  ['documented: missing inventory', ORDERS, (ro) => json({ ...documentedExample(ro.token), data: { client_id: 1, channel: { id: 21 } } }), ENVELOPE],
  [
    'documented: channel id as a string',
    ORDERS,
    (ro) => json({ ...documentedExample(ro.token), data: { client_id: 1, channel: { id: '21' }, inventory: {} } }),
    ENVELOPE,
  ],
  ['SKU as a string', PUSH_V1, (ro) => json(sdkPush(ro.token, ['M-STRING'])), EVENTS],
  ['SKU as null', PUSH_V1, (ro) => json(sdkPush(ro.token, [null])), EVENTS],
  ['missing sku', PUSH_V1, (ro) => sku(ro, { quantity_available: 1 }), EVENTS],
  ['sku as a number', PUSH_V1, (ro) => sku(ro, { sku: 53, quantity_available: 1 }), EVENTS],
  ['blank sku', PUSH_V1, (ro) => sku(ro, { sku: '   ', quantity_available: 1 }), EVENTS],
  ['sku of 10,000 characters', PUSH_V1, (ro) => sku(ro, { sku: 'S'.repeat(10_000), quantity_available: 1 }), EVENTS],
  ['missing quantity_available', PUSH_V1, (ro) => sku(ro, { sku: 'M-NOQTY' }), EVENTS],
  // A negative top-line is accepted (oversold); a negative place is not.
  ['negative available_quantity in a row', PUSH_V1, (ro) => row(ro, { quantity_type: 'internal', facility_name: 'F', available_quantity: -3 }), EVENTS],
  [
    'quantity beyond float range',
    PUSH_V1,
    (ro) =>
      raw(
        `{"integration_auth_token": "${ro.token}", "action": "inventory_push", "version": 1, "client_id": 1, "channel_info": {}, "inventory_updates": [{"sku": "M-INF", "quantity_available": 1e400}]}`,
      ),
    EVENTS,
  ],
  ['quantity as a boolean', PUSH_V1, (ro) => sku(ro, { sku: 'M-BOOL', quantity_available: true }), EVENTS],
  ['quantity_detail as an object', PUSH_V1, (ro) => sku(ro, { sku: 'M-DET', quantity_available: 1, quantity_detail: {} }), EVENTS],
  [
    'huge quantity_detail',
    PUSH_V1,
    (ro) =>
      sku(ro, {
        sku: 'M-HUGEDET',
        quantity_available: 1,
        quantity_detail: Array.from({ length: 1000 }, () => ({ quantity_type: 'internal', facility_name: 'F' })),
      }),
    EVENTS,
  ],
  ['unknown quantity_type', PUSH_V1, (ro) => row(ro, { quantity_type: 'borrowed', facility_name: 'F' }), EVENTS],
  ['internal row without a facility', PUSH_V1, (ro) => row(ro, { quantity_type: 'internal', available_quantity: 1 }), EVENTS],
  ['inflight row without a quantity', PUSH_V1, (ro) => row(ro, { quantity_type: 'inflight', po_destination: 'DC' }), EVENTS],
  ['available_quantity as a string', PUSH_V1, (ro) => row(ro, { quantity_type: 'external', vendor_name: 'V', available_quantity: '3' }), EVENTS],
  ['documented: qty_available as a string', ORDERS, (ro) => documentedSku(ro, { qty_available: '24' }), EVENTS],
  ['documented: concept other than sku', ORDERS, (ro) => documentedSku(ro, { concept: 'product' }), EVENTS],
  [
    'documented: breakdown row without vendor',
    ORDERS,
    (ro) => documentedSku(ro, { qty_breakdown: [{ sellable: 5, unclaimed: 0, reserving_orders: [], est_ship: 'x' }] }),
    EVENTS,
  ],
  [
    'documented: huge reserving_orders',
    ORDERS,
    (ro) =>
      documentedSku(ro, {
        qty_breakdown: [{ vendor: 'V', sellable: 5, unclaimed: 0, reserving_orders: Array.from({ length: 5000 }, (_, i) => i), est_ship: 'x' }],
      }),
    EVENTS,
  ],
];

describe.each(targets())('RetailOPS malformed deliveries on %s', (_kind, target) => {
  it('has 50 cases', () => {
    expect(CASES).toHaveLength(50);
  });

  it('never answers 5xx to a malformed delivery, names the problem, and never changes anything', async () => {
    const ro = await retailopsTenant(target);
    const before = await stockSnapshot(ro.admin);
    for (const [name, path, request, statuses] of CASES) {
      const answer = await ro.push(path, undefined, request(ro));
      if (!statuses.includes(answer.status)) throw new Error(`${name}: answered ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      const events = answer.body.events as Record<string, unknown>[];
      expect(events.length).toBeGreaterThan(0);
      const first = events[0];
      expect(first['event_type'] ?? first['status']).toBe('error');
      if (path === PUSH_V1 && answer.status !== 401) expect(sdkAnswerErrors(answer.body)).toEqual([]);
      if (answer.status !== 401) expect(String(first['diagnostic_data'] ?? '')).not.toBe('');
    }
    expect(await stockSnapshot(ro.admin)).toEqual(before);
  });
});
