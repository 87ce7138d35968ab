/**
 * `npm run seed:demo`: fills a running Tally with a store's realistic stock, to try the console at
 * the size it is used at: 5,000 items (apparel in colours and sizes, with SKUs, GTINs and part
 * numbers), 9 locations (warehouses, stores, a dropship supplier), 8 connections of every dialect
 * reporting their places (two of them disagreeing at one place, so discrepancies open), low and
 * out-of-stock items, a Kibo refresh job and a webhook channel.
 *
 * It talks to Tally over HTTP only, as any client would: TALLY_URL (default http://localhost:3000)
 * and TALLY_KEY, an admin key of the tenant to fill (the key `npm start` prints). Run it on an
 * empty tenant: it refuses a tenant that already holds items, unless DEMO_FORCE=1.
 */
import { randomBytes } from 'node:crypto';
import { client, expectStatus, kiboToken, type Client } from '@tally/test-support';

const BASE_URL = process.env['TALLY_URL'] ?? 'http://localhost:3000';
const KEY = process.env['TALLY_KEY'];
const ITEMS = Number(process.env['DEMO_ITEMS'] ?? '5000');
const BATCH = 1000;

const PRODUCTS = ['Hoodie', 'T-shirt', 'Jacket', 'Beanie', 'Sweatpants', 'Polo', 'Cardigan', 'Parka', 'Shorts', 'Socks'];
const COLOURS = ['Navy', 'Black', 'Olive', 'Red', 'Grey', 'Sand', 'White', 'Teal', 'Burgundy', 'Mustard'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];

/** The places, and the connection that reports each (by its index in CONNECTIONS). */
const LOCATIONS = [
  { code: 'WH-EAST', kind: 'warehouse', reporter: 0 },
  { code: 'WH-WEST', kind: 'warehouse', reporter: 1 },
  { code: 'WH-CENTRAL', kind: 'warehouse', reporter: 2 },
  { code: 'STORE-NYC', kind: 'store', reporter: 3 },
  { code: 'STORE-LA', kind: 'store', reporter: 3 },
  { code: 'STORE-CHI', kind: 'store', reporter: 4 },
  { code: 'STORE-SF', kind: 'store', reporter: 4 },
  { code: 'OUTLET-TX', kind: 'store', reporter: 5 },
  { code: 'DROPSHIP-ACME', kind: 'supplier', reporter: 6 },
] as const;

const CONNECTIONS = [
  { dialect: 'canonical', name: 'WMS east' },
  { dialect: 'canonical', name: 'WMS west' },
  { dialect: 'kibo', name: 'Kibo OMS' },
  { dialect: 'comestri', name: 'Comestri stores' },
  { dialect: 'crux', name: 'Crux TIMP stores' },
  { dialect: 'retailops', name: 'RetailOPS outlet' },
  { dialect: 'canonical', name: 'Acme dropship feed' },
  { dialect: 'canonical', name: 'Cycle counts' },
] as const;

/** A valid GTIN-13 for item n (check digit computed). */
function gtinOf(n: number): string {
  const body = `200${String(n).padStart(9, '0')}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function itemOf(n: number) {
  const product = PRODUCTS[n % PRODUCTS.length];
  const colour = COLOURS[Math.floor(n / PRODUCTS.length) % COLOURS.length];
  const size = SIZES[Math.floor(n / (PRODUCTS.length * COLOURS.length)) % SIZES.length];
  const code = `${product.slice(0, 3).toUpperCase()}-${colour.slice(0, 3).toUpperCase()}-${size}-${String(n).padStart(4, '0')}`;
  return { sku: code, gtin: gtinOf(n), partNumber: `MPN-${String(n).padStart(5, '0')}`, name: `${product}, ${colour}, ${size}` };
}

/**
 * Figures of item n at location l: mostly healthy stock with reserved units, some places low or
 * out; one item in 50 is out of stock everywhere and one in 50 low everywhere (an item's status is
 * the best of its places).
 */
function figuresOf(n: number, l: number): Record<string, unknown> {
  if (n % 50 === 7) return { onHand: 0, lowStockThreshold: 5 };
  if (n % 50 === 8) return { onHand: 1 + (l % 3), lowStockThreshold: 5 };
  const k = (n * 7 + l * 3) % 40;
  if (k === 0) return { onHand: 0, lowStockThreshold: 5 };
  if (k === 1 || k === 2) return { onHand: 1 + (n % 4), lowStockThreshold: 5 };
  return { onHand: 10 + ((n + l) % 90), reserved: n % 4, safetyStock: l < 3 ? 2 : 0, lowStockThreshold: 5 };
}

async function batches(admin: Client, lines: Record<string, unknown>[], extra: Record<string, unknown>): Promise<void> {
  for (let from = 0; from < lines.length; from += BATCH) {
    const json = { unknownItemPolicy: 'create', createLocationsAs: 'warehouse', ...extra, lines: lines.slice(from, from + BATCH) };
    expectStatus(await admin('POST', '/api/v1/stock-levels/batch', { json }), 'a stock batch');
  }
}

async function main(): Promise<void> {
  if (!KEY) throw new Error('set TALLY_KEY to an admin key of the tenant to fill (npm start prints one on the first start)');
  const admin = client(BASE_URL, KEY);
  const existing = expectStatus(await admin('GET', '/api/v1/items?limit=1'), 'the items').items.length;
  if (existing > 0 && process.env['DEMO_FORCE'] !== '1') throw new Error('the tenant already holds items: use an empty tenant, or DEMO_FORCE=1 to add to it');
  const started = Date.now();

  const connections: { id: string; credentialId: string; secret: string }[] = [];
  for (const c of CONNECTIONS) {
    const created = expectStatus(await admin('POST', '/api/v1/connections', { json: c }), `connection ${c.name}`, 201);
    connections.push({ id: created.connection.id, credentialId: created.connection.credentialId, secret: created.credentials.secret });
  }
  console.log(`${connections.length} connections`);

  // The catalogue first, with every identifier, at the central warehouse.
  const catalogue = Array.from({ length: ITEMS }, (_, n) => ({ op: 'set', item: itemOf(n), location: { code: 'WH-CENTRAL' }, ...figuresOf(n, 2) }));
  await batches(admin, catalogue, { connectionId: connections[LOCATIONS[2].reporter].id });
  console.log(`${ITEMS} items`);

  for (const [l, location] of LOCATIONS.entries()) {
    if (l === 2) continue;
    const lines = Array.from({ length: ITEMS }, (_, n) => n)
      // Stores and the supplier carry part of the range.
      .filter((n) => location.kind === 'warehouse' || n % (location.kind === 'store' ? 3 : 5) === l % 3)
      .map((n) => ({ op: 'set', item: { sku: itemOf(n).sku }, location: { code: location.code }, ...figuresOf(n, l) }));
    await batches(admin, lines, { connectionId: connections[location.reporter].id, createLocationsAs: location.kind });
    console.log(`${location.code}: ${lines.length} levels`);
  }

  // Cycle counts that disagree with the warehouse system: open discrepancies to resolve.
  const counts = Array.from({ length: 40 }, (_, i) => ({ op: 'set', item: { sku: itemOf(i * 37).sku }, location: { code: 'WH-EAST' }, onHand: i % 7 }));
  await batches(admin, counts, { connectionId: connections[7].id });

  // A Kibo refresh, through Kibo's own token and route: a job to look at.
  const kibo = connections[2];
  const token = await kiboToken(BASE_URL, kibo.credentialId, kibo.secret);
  const refresh = await client(BASE_URL, null)('POST', '/kibo/api/v5/inventory/refresh', {
    json: { locationName: 'WH-CENTRAL', items: Array.from({ length: 500 }, (_, n) => ({ sku: itemOf(n).sku, quantity: 20 + (n % 30) })) },
    headers: { authorization: `Bearer ${token}` },
  });
  console.log(`Kibo refresh job ${expectStatus(refresh, 'the Kibo refresh').jobID}`);

  // A storefront fed by a signed webhook from the two big warehouses, holding 2 units back (its URL
  // answers nothing here: its deliveries retry, as a channel that is down would).
  const locations = expectStatus(await admin('GET', '/api/v1/locations?limit=100'), 'the locations').items as { id: string; code: string }[];
  const locationIds = locations.filter((l) => l.code === 'WH-EAST' || l.code === 'WH-WEST').map((l) => l.id);
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  expectStatus(
    await admin('POST', '/api/v1/channels', {
      json: {
        name: 'Storefront',
        dialect: 'webhook',
        baseUrl: 'http://127.0.0.1:9/inventory-hooks',
        locationIds,
        rules: { bufferUnits: 2 },
        credentials: { secret },
      },
    }),
    'the storefront channel',
    201,
  );
  console.log(`done in ${Math.round((Date.now() - started) / 1000)} s: open ${BASE_URL}/admin`);
}

main().catch((error: unknown) => {
  console.error(`seed:demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
