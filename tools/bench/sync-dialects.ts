import { client, expectStatus, type Client } from '@tally/test-support';
import { comestriOutbound } from '@tally/vendor-comestri';
import { cruxOutbound } from '@tally/vendor-crux';
import { kiboOutbound } from '@tally/vendor-kibo';
import type { OutboundConnector } from '@tally/vendor-kit';
import { marketplacerOutbound } from '@tally/vendor-marketplacer';
import { retailopsOutbound } from '@tally/vendor-retailops';

/** Where a channel sends: what the first Tally's channel and the bare client both use. */
export interface SyncTarget {
  readonly baseUrl: string;
  readonly settings: Record<string, unknown>;
  readonly credentials: Record<string, string>;
  /** The location of the second Tally where the figures land. */
  readonly locationCode: string;
}

/** One dialect of the benchmark: its connector and how its second Tally is set up. */
export interface SyncDialect {
  readonly dialect: string;
  readonly title: string;
  readonly connector: OutboundConnector;
  /** One request per item: measured on the smaller set of items. */
  readonly perItem: boolean;
  /** Creates the second Tally's connection and registers the items (by SKU) there; answers the target. */
  prepare(secondTally: Client, baseUrl: string, skus: readonly string[]): Promise<SyncTarget>;
}

// The answers of the set-up calls are read field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function post(admin: Client, path: string, json: unknown): Promise<any> {
  return expectStatus(await admin('POST', path, { json }), path);
}

/** The dialect's connection at the second Tally; answers its credentials. */
async function connection(
  admin: Client,
  dialect: string,
  settings: Record<string, unknown>,
): Promise<{ id: string; credentialId: string; secret: string; token: string }> {
  const created = await post(admin, '/api/v1/connections', { dialect, name: `bench ${dialect}`, settings: { unknownItemPolicy: 'reject', ...settings } });
  return { id: created.connection.id, ...created.credentials };
}

/**
 * Registers the items at the second Tally (at a seed location, so the dialect's own location is
 * created by its first write), with whatever else each line's item reference names.
 */
async function register(admin: Client, skus: readonly string[], extra: (sku: string) => Record<string, unknown> = () => ({})): Promise<void> {
  for (let from = 0; from < skus.length; from += 5000) {
    const lines = skus.slice(from, from + 5000).map((sku) => ({ op: 'set', item: { sku, ...extra(sku) }, location: { code: 'SEED' }, onHand: 0 }));
    await post(admin, '/api/v1/stock-levels/batch', { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines });
  }
}

/** The five vendor dialects, each against a second Tally speaking it. */
export const SYNC_DIALECTS: readonly SyncDialect[] = [
  {
    dialect: 'kibo',
    title: 'Kibo (refresh job, 12,000 per call)',
    connector: kiboOutbound,
    perItem: false,
    async prepare(admin, baseUrl, skus) {
      const kibo = await connection(admin, 'kibo', {});
      await register(admin, skus);
      return {
        baseUrl: `${baseUrl}/kibo`,
        settings: { locationCode: 'KIBO-BENCH' },
        credentials: { clientId: kibo.credentialId, clientSecret: kibo.secret },
        locationCode: 'KIBO-BENCH',
      };
    },
  },
  {
    dialect: 'crux',
    title: 'Crux (bulk, 1,000 per call)',
    connector: cruxOutbound,
    perItem: false,
    async prepare(admin, baseUrl, skus) {
      const crux = await connection(admin, 'crux', { defaultLocationCode: 'CRUX-BENCH' });
      await register(admin, skus);
      return { baseUrl: `${baseUrl}/crux`, settings: {}, credentials: { username: crux.credentialId, password: crux.secret }, locationCode: 'CRUX-BENCH' };
    },
  },
  {
    dialect: 'retailops',
    title: 'RetailOPS (push, 1,500 per call)',
    connector: retailopsOutbound,
    perItem: false,
    async prepare(admin, baseUrl, skus) {
      const retailops = await connection(admin, 'retailops', {});
      await register(admin, skus);
      return {
        baseUrl: `${baseUrl}/retailops`,
        settings: { clientId: 497, channelId: 21 },
        credentials: { integrationKey: retailops.token },
        locationCode: 'retailops:channel:21',
      };
    },
  },
  {
    dialect: 'marketplacer',
    title: 'Marketplacer (one PUT per variant, 50/s)',
    connector: marketplacerOutbound,
    perItem: true,
    async prepare(admin, baseUrl, skus) {
      // Variant ids are the owner connection's external ids; the SKUs are numeric, so they serve as both.
      const owner = await connection(admin, 'marketplacer', { options: { sellerId: 11 } });
      await register(admin, skus, (sku) => ({ externalId: sku, connectionId: owner.id }));
      return { baseUrl: `${baseUrl}/marketplacer`, settings: { sellerId: 11 }, credentials: { apiKey: owner.token }, locationCode: 'marketplacer-seller-11' };
    },
  },
  {
    dialect: 'comestri',
    title: 'Comestri (one POST per item)',
    connector: comestriOutbound,
    perItem: true,
    async prepare(admin, baseUrl, skus) {
      const comestri = await connection(admin, 'comestri', {});
      await register(admin, skus);
      return {
        baseUrl: `${baseUrl}/comestri`,
        settings: { inventorySource: 'COMESTRI-BENCH' },
        credentials: { token: comestri.token, email: 'bench@example.com' },
        locationCode: 'COMESTRI-BENCH',
      };
    },
  },
];

/** Every page of a canonical list of the second Tally. */
export async function listAll<T>(admin: Client, path: string): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = expectStatus(await admin('GET', `${path}${separator}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), path);
    all.push(...(page.items as T[]));
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** How many of the expected figures (sellable units by SKU) the second Tally shows at the target's location. */
export async function figuresShown(baseUrl: string, adminKey: string, locationCode: string, expected: ReadonlyMap<string, number>): Promise<number> {
  const admin = client(baseUrl, adminKey);
  const location = (await listAll<{ id: string; code: string }>(admin, '/api/v1/locations')).find((l) => l.code === locationCode);
  if (!location) return 0;
  const skus = new Map((await listAll<{ id: string; sku: string }>(admin, '/api/v1/items')).map((i) => [i.id, i.sku]));
  let shown = 0;
  for (const level of await listAll<{ itemId: string; availability: { sellable: number } }>(admin, `/api/v1/stock-levels?locationId=${location.id}`)) {
    if (expected.get(skus.get(level.itemId) ?? '') === level.availability.sellable) shown++;
  }
  return shown;
}
