import { expectStatus, type Client } from '@tally/test-support';
import type { Target } from './support/e2e-targets.state';
import { CREATE, createConnection, freshTenant, unique } from './support/tenant.fixtures';

/** One row of `GET /api/v1/items/overview`. */
export interface OverviewRow {
  readonly id: string;
  readonly name: string | null;
  readonly sku: string | null;
  readonly onHand: number | null;
  readonly reserved: number;
  readonly sellable: number;
  readonly unlimited: boolean;
  readonly status: string;
  readonly openDiscrepancy: boolean;
  readonly updatedAt: string;
  readonly locationId: string | null;
  readonly channel: { channelId: string; figure: number | 'unlimited' } | null;
}

/** Figures of the seeded batch by `n % 8`, and the status each gives. */
const BATCH_KINDS: readonly [Record<string, unknown>, string][] = [
  [{ onHand: 0 }, 'out_of_stock'],
  [{ onHand: 3, lowStockThreshold: 5 }, 'low_stock'],
  [{ infinite: true }, 'in_stock'],
  [{ onHand: 9, restriction: 'discontinued' }, 'discontinued'],
  [{ onHand: 0, backorderPolicy: 'backorder' }, 'backorderable'],
  [{ onHand: 20, reserved: 1 }, 'in_stock'],
  [{ onHand: 21, reserved: 1 }, 'in_stock'],
  [{ onHand: 22, reserved: 1 }, 'in_stock'],
];

/** Items the batch writes through connection A. */
export const BATCH_SIZE = 240;

/**
 * A tenant with 240 items written in one batch by connection A at WH-A (every status of the
 * domain), edge cases written directly (unknown and negative on hand, a removed record), an item
 * of connection B at WH-B, an open discrepancy (B disagrees with A at WH-A) and a webhook channel
 * selling from WH-B. `expected` is each item's status as the rules give it.
 */
export async function seedOverviewScene(target: Target) {
  const tenant = await freshTenant(target);
  const { admin } = tenant;
  const a = (await createConnection(admin, 'canonical')).connection.id;
  const b = (await createConnection(admin, 'comestri')).connection.id;
  const prefix = unique('OV');
  const colours = ['Red', 'Green', 'Blue'];
  const lines = Array.from({ length: BATCH_SIZE }, (_, n) => ({
    op: 'set',
    item: { sku: `${prefix}-${String(n).padStart(3, '0')}`, name: `Widget ${n} ${colours[n % 3]}` },
    location: { code: 'WH-A' },
    ...BATCH_KINDS[n % 8][0],
  }));
  const batch = expectStatus(await admin('POST', '/api/v1/stock-levels/batch', { json: { ...CREATE, connectionId: a, lines } }), 'seed batch');
  const expected = new Map<string, string>();
  batch.lines.forEach((line: { itemId: string }, n: number) => expected.set(line.itemId, BATCH_KINDS[n % 8][1]));

  const set = async (item: Record<string, string>, code: string, fields: Record<string, unknown>, connectionId?: string) => {
    const answer = await admin('POST', '/api/v1/stock-levels/set', {
      json: { item, location: { code }, ...CREATE, ...fields, ...(connectionId ? { connectionId } : {}) },
    });
    if (answer.status !== 200 && answer.status !== 202) throw new Error(`set answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body as { itemId: string; locationId: string; status: string };
  };
  const ids = {
    hoodieNavy: (await set({ sku: 'HD-NV-L', name: 'Hoodie, Navy, L' }, 'WH-A', { onHand: 5 })).itemId,
    hoodieBlack: (await set({ sku: 'HD-BK-L', name: 'Hoodie, Black, L' }, 'WH-A', { onHand: 5 })).itemId,
    navyCap: (await set({ sku: 'CAP-NV', name: 'Navy cap' }, 'WH-A', { onHand: 2 })).itemId,
    unknownOnHand: (await set({ sku: 'UNK-1', name: 'Mystery' }, 'WH-A', { reserved: 2 })).itemId,
    negativeOnly: (await set({ sku: 'NEG-ONLY' }, 'WH-A', { onHand: -5 })).itemId,
    negativeSplit: (await set({ sku: 'NEG-SPLIT' }, 'WH-A', { onHand: -4 })).itemId,
    removed: (await set({ sku: 'GONE-1' }, 'WH-A', { onHand: 4 })).itemId,
    bOnly: (await set({ sku: 'B-ONLY' }, 'WH-B', { onHand: 7 }, b)).itemId,
    disputed: (await set({ sku: 'DISC-1' }, 'WH-A', { onHand: 10 }, a)).itemId,
  };
  const whB = (await set({ sku: 'NEG-SPLIT' }, 'WH-B', { onHand: 3 })).locationId;
  expectStatus(await admin('POST', '/api/v1/stock-levels/remove', { json: { item: { sku: 'GONE-1' }, location: { code: 'WH-A' } } }), 'remove');
  const observed = await set({ sku: 'DISC-1' }, 'WH-A', { onHand: 6 }, b);
  if (observed.status !== 'observed') throw new Error(`B's report at WH-A was ${observed.status}, not observed`);
  const channel = expectStatus(
    await admin('POST', '/api/v1/channels', {
      json: {
        name: unique('shop'),
        dialect: 'webhook',
        baseUrl: 'http://127.0.0.1:9/',
        credentials: { secret: WEBHOOK_SECRET },
        status: 'paused',
        locationIds: [whB],
      },
    }),
    'channel',
    201,
  );
  const statuses: Record<keyof typeof ids, string> = {
    hoodieNavy: 'in_stock',
    hoodieBlack: 'in_stock',
    navyCap: 'in_stock',
    unknownOnHand: 'out_of_stock',
    negativeOnly: 'out_of_stock',
    negativeSplit: 'in_stock',
    removed: 'untracked',
    bOnly: 'in_stock',
    disputed: 'in_stock',
  };
  for (const [key, id] of Object.entries(ids)) expected.set(id, statuses[key as keyof typeof ids]);
  return {
    tenant,
    admin,
    a,
    b,
    ids,
    whB,
    channelId: channel.id as string,
    batchIds: batch.lines.map((l: { itemId: string }) => l.itemId) as string[],
    expected,
  };
}

const WEBHOOK_SECRET = `whsec_${Buffer.from('overview-e2e-webhook-secret-0123456789').toString('base64')}`;

/** Every row of the overview with this query, page by page; fails on a repeated row. */
export async function allRows(admin: Client, query: string, limit = 200): Promise<OverviewRow[]> {
  const rows: OverviewRow[] = [];
  let cursor: string | null = null;
  do {
    const path = `/api/v1/items/overview?limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = expectStatus(await admin('GET', path), path, 200);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  const ids = rows.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw new Error(`${query}: a row came twice`);
  return rows;
}

/** Ids of rows, sorted, for set comparisons. */
export const idsOf = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id).sort();
