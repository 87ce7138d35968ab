/**
 * The single-write routes of `npm run bench:writes` and the request stream of each. A stream
 * is endless and deterministic: request `i` names a place (item × location) and a value, and
 * consecutive requests name distinct places, so the clients never wait on one another's row.
 * Each route keeps its position across the cells of a run (1, 8 then 50 clients), so a place is
 * visited again only after every other place of the route, always with a new value: each
 * acknowledged request changes its level and leaves `ledgerPerAck` ledger entries.
 */
import type { StreamRequest } from './writes-load';
import type { RawShape } from './writes-raw.bench';

/** Credentials and ids of a Tally set up for the benchmark (writes-setup.ts). */
export interface WritesFixture {
  readonly adminKey: string;
  readonly cruxToken: string;
  readonly comestriToken: string;
  readonly retailopsToken: string;
  /** API keys of the Marketplacer multi-store's member connections, one seller each. */
  readonly marketplacerKeys: readonly string[];
  /** Seller ids of those members, in the same order. */
  readonly marketplacerSellers: readonly number[];
  readonly marketplacerOwnerId: string;
  readonly comestriId: string;
}

/** A place a cell needs to exist before it runs, as a line of a canonical batch. */
export interface SeedPlace {
  readonly item: Record<string, string>;
  readonly code: string;
}

/** What a cell's requests need seeded first: places, created as `kind`, reported as `connectionId`. */
export interface SeedPlan {
  readonly places: readonly SeedPlace[];
  readonly kind: string;
  readonly connection: 'none' | 'marketplacer-owner';
}

/** One route of the benchmark. */
export interface WriteRoute {
  readonly name: string;
  readonly title: string;
  /** The raw-driver baseline this route is compared with. */
  readonly raw: RawShape;
  readonly ledgerPerAck: number;
  /** Places seeded once, before any cell (levels an update needs). */
  readonly setupPlaces: SeedPlan | null;
  /**
   * Routes that consume their places (removal): the places the next `count` requests need,
   * seeded before each cell.
   */
  seedNext?(count: number): SeedPlan;
  /** The next request; `fixture` is null for the framework alone, which checks no credentials. */
  next(fixture: WritesFixture | null): StreamRequest;
}

/** Sizes of the streams. */
export interface StreamSizes {
  /** Items of the run: a place is revisited after this many requests. */
  readonly items: number;
  /** Lines of a `/batch` request. */
  readonly batchLines: number;
  /** Member connections of the Marketplacer multi-store (50 requests/s per key). */
  readonly marketplacerMembers: number;
}

/** SKU of the n-th item of the run. */
export const skuOf = (n: number): string => `W-${String(n).padStart(6, '0')}`;
/** Marketplacer variant id (the owner connection's external id) of the n-th item. */
export const variantOf = (n: number): number => 1_000_000 + n;
/** Marketplacer variants whose records the PUT stream updates (seeded); the DELETE stream uses the others. */
export const PUT_VARIANTS = 200;
/** Marketplacer's seller location code (marketplacer-multi-store.model.ts). */
export const sellerCode = (sellerId: number): string => `marketplacer-seller-${sellerId}`;

export const LOCATIONS = {
  set: 'W-SET',
  adjust: 'W-ADJ',
  cas: 'W-CAS',
  batch: 'W-BAT',
  comestriUpdate: 'C-UPD',
  retailops: 'RO-BENCH',
  crux: 'CRUX-BENCH',
} as const;
const removeCode = (round: number) => `W-RM-${round}`;
const comestriCreateCode = (round: number) => `C-NEW-${round}`;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const CANONICAL = '/api/v1/stock-levels';
const json = (method: StreamRequest['method'], path: string, headers: Record<string, string>, body: unknown): StreamRequest => ({
  method,
  path,
  headers: { ...JSON_HEADERS, ...headers },
  body: JSON.stringify(body),
});
const bearer = (fixture: WritesFixture | null) => ({ authorization: `Bearer ${fixture?.adminKey ?? 'none'}` });

/** Every place of one location, one per item: the levels an update stream needs. */
const allItemsAt = (items: number, code: string, kind: string): SeedPlan => ({
  places: Array.from({ length: items }, (_, n) => ({ item: { sku: skuOf(n) }, code })),
  kind,
  connection: 'none',
});

/** A stream position shared by `next` and `seedNext`. */
class Counter {
  value = 0;
  seeded = 0;
  take(): number {
    return this.value++;
  }
}

/** The routes, in the order a run measures them, each with a fresh stream. */
export function writeRoutes(sizes: StreamSizes): WriteRoute[] {
  const { items, batchLines, marketplacerMembers: members } = sizes;
  const visit = (i: number) => Math.floor(i / items) + 1;
  const canonical = (name: string, title: string, location: string, raw: RawShape, body: (i: number) => Record<string, unknown>): WriteRoute => {
    const counter = new Counter();
    return {
      name,
      title,
      raw,
      ledgerPerAck: 1,
      setupPlaces: allItemsAt(items, location, 'warehouse'),
      next: (fixture) => {
        const i = counter.take();
        return json('POST', `${CANONICAL}/${name}`, bearer(fixture), { item: { sku: skuOf(i % items) }, location: { code: location }, ...body(i) });
      },
    };
  };

  const remove = new Counter();
  const batch = new Counter();
  const comestriCreate = new Counter();
  const comestriUpdate = new Counter();
  const put = new Counter();
  const del = new Counter();
  const retailops = new Counter();
  const crux = new Counter();
  const member = (fixture: WritesFixture | null, k: number) => ({
    key: fixture?.marketplacerKeys[k] ?? 'none',
    seller: fixture?.marketplacerSellers[k] ?? k + 2,
  });
  const deletePlace = (j: number) => ({ variant: PUT_VARIANTS + Math.floor(j / members), k: j % members });

  return [
    canonical('set', 'canonical set', LOCATIONS.set, 'update', (i) => ({ onHand: visit(i) })),
    canonical('adjust', 'canonical adjust', LOCATIONS.adjust, 'update', () => ({ delta: 1 })),
    canonical('compare-and-set', 'canonical compare-and-set', LOCATIONS.cas, 'update', (i) => ({ expected: visit(i) - 1, value: visit(i) })),
    {
      name: 'remove',
      title: 'canonical remove',
      raw: 'remove',
      ledgerPerAck: 1,
      setupPlaces: null,
      seedNext(count) {
        const from = remove.seeded;
        remove.seeded += count;
        return {
          places: Array.from({ length: count }, (_, n) => ({ item: { sku: skuOf((from + n) % items) }, code: removeCode(Math.floor((from + n) / items)) })),
          kind: 'warehouse',
          connection: 'none',
        };
      },
      next(fixture) {
        const i = remove.take();
        return json('POST', `${CANONICAL}/remove`, bearer(fixture), { item: { sku: skuOf(i % items) }, location: { code: removeCode(Math.floor(i / items)) } });
      },
    },
    {
      name: 'batch',
      title: `canonical batch (${batchLines} lines)`,
      raw: 'batch',
      ledgerPerAck: batchLines,
      setupPlaces: allItemsAt(items, LOCATIONS.batch, 'warehouse'),
      next(fixture) {
        const first = batch.take() * batchLines;
        const lines = Array.from({ length: batchLines }, (_, n) => ({
          op: 'set',
          item: { sku: skuOf((first + n) % items) },
          location: { code: LOCATIONS.batch },
          onHand: visit(first + n),
        }));
        return json('POST', `${CANONICAL}/batch`, bearer(fixture), { lines });
      },
    },
    {
      name: 'comestri-create',
      title: 'Comestri create (new record)',
      raw: 'insert+observation',
      ledgerPerAck: 1,
      setupPlaces: null,
      next(fixture) {
        const i = comestriCreate.take();
        const authorization = `Token token=${fixture?.comestriToken ?? 'none'},email=bench@example.com`;
        return json(
          'POST',
          '/comestri/api/v2/inventories',
          { authorization },
          {
            inventory: { inventory_source: comestriCreateCode(Math.floor(i / items)), product_code: skuOf(i % items), qty: 1 },
          },
        );
      },
    },
    {
      name: 'comestri-update',
      title: 'Comestri update (existing record)',
      raw: 'update+observation',
      ledgerPerAck: 1,
      setupPlaces: allItemsAt(items, LOCATIONS.comestriUpdate, 'inventory_source'),
      next(fixture) {
        const i = comestriUpdate.take();
        const authorization = `Token token=${fixture?.comestriToken ?? 'none'},email=bench@example.com`;
        return json(
          'POST',
          '/comestri/api/v2/inventories',
          { authorization },
          {
            inventory: { inventory_source: LOCATIONS.comestriUpdate, product_code: skuOf(i % items), qty: visit(i) },
          },
        );
      },
    },
    {
      name: 'marketplacer-put',
      title: 'Marketplacer PUT inventories',
      raw: 'update+observation',
      ledgerPerAck: 1,
      setupPlaces: marketplacerPutPlaces(members),
      next(fixture) {
        // Every member writes its own seller's record of a variant, one key after the other: 50 requests/s per key.
        const i = put.take();
        const { key } = member(fixture, i % members);
        const places = PUT_VARIANTS * members;
        const variant = variantOf(Math.floor(i / members) % PUT_VARIANTS);
        return json(
          'PUT',
          `/marketplacer/api/v2/client/variants/${variant}/inventories`,
          { authorization: `Bearer ${key}` },
          {
            data: [{ type: 'inventories', attributes: { count_on_hand: Math.floor(i / places) + 1 } }],
          },
        );
      },
    },
    {
      name: 'marketplacer-delete',
      title: 'Marketplacer DELETE inventory',
      raw: 'remove+observation',
      ledgerPerAck: 1,
      setupPlaces: null,
      seedNext(count) {
        const from = del.seeded;
        del.seeded += count;
        return {
          places: Array.from({ length: count }, (_, n) => {
            const { variant, k } = deletePlace(from + n);
            return { item: { externalId: String(variantOf(variant)) }, code: sellerCode(k + 2) };
          }),
          kind: 'seller',
          connection: 'marketplacer-owner',
        };
      },
      next(fixture) {
        const { variant, k } = deletePlace(del.take());
        const { key, seller } = member(fixture, k);
        return {
          method: 'DELETE',
          path: `/marketplacer/api/v2/client/variants/${variantOf(variant)}/inventories/${seller}`,
          headers: { authorization: `Bearer ${key}` },
        };
      },
    },
    {
      name: 'retailops-push',
      title: 'RetailOPS push (one SKU)',
      raw: 'update+observation',
      ledgerPerAck: 1,
      setupPlaces: allItemsAt(items, LOCATIONS.retailops, 'store'),
      next(fixture) {
        const i = retailops.take();
        return json(
          'POST',
          '/retailops/inventory_push_v1',
          {},
          {
            integration_auth_token: fixture?.retailopsToken ?? 'none',
            action: 'inventory_push',
            version: 1,
            client_id: 497,
            channel_info: { id: 21 },
            inventory_updates: [{ sku: skuOf(i % items), quantity_available: visit(i) }],
          },
        );
      },
    },
    {
      name: 'crux-update',
      title: 'Crux single update',
      raw: 'update+observation',
      ledgerPerAck: 1,
      setupPlaces: allItemsAt(items, LOCATIONS.crux, 'supplier'),
      next(fixture) {
        const i = crux.take();
        return json(
          'POST',
          '/crux/timp/products/skus/inventory/',
          { authorization: `Token ${fixture?.cruxToken ?? 'none'}` },
          {
            sku_id: skuOf(i % items),
            quantity_in_stock: visit(i),
          },
        );
      },
    },
  ];
}

/** The seeded places of the Marketplacer PUT stream: every member's record of the first {@link PUT_VARIANTS} variants. */
export function marketplacerPutPlaces(members: number): SeedPlan {
  const places: SeedPlace[] = [];
  for (let v = 0; v < PUT_VARIANTS; v++) for (let k = 0; k < members; k++) places.push({ item: { externalId: String(variantOf(v)) }, code: sellerCode(k + 2) });
  return { places, kind: 'seller', connection: 'marketplacer-owner' };
}
