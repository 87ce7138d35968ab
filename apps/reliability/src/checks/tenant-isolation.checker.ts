import { client, cruxToken as cruxLogin, kiboToken as kiboLogin, waitForJobEnd, type Answer, type Client } from '@tally/test-support';
import { freshTenant, listAll, unique, type Deployment } from '../support/deployment.fixture';
import { recordSecret } from '../support/run-dir';
import { sample, type OpenApiDocument } from './openapi.sampler';

/** Who calls: the roles of the canonical API, and a vendor connection of the caller's tenant. */
export type Role = 'admin' | 'read_only' | 'anonymous' | 'vendor';

/** One call of the matrix and what the policy table expects of it. */
export interface IsolationRow {
  route: string;
  role: Role;
  expected: string;
  status: number;
  leaked: boolean;
}

/**
 * The declared policy: what a caller of tenant A gets on each route when the route's ids name
 * tenant B's objects (ADR 0006: another tenant's objects are indistinguishable from missing ones).
 */
export function policy(method: string, path: string, role: Role): number[] {
  if (path === '/health') return [200];
  // The console's session routes are public: the sample body's key is nobody's (401); reading or
  // ending a session answers whoever asks, and names no tenant.
  if (path === '/api/v1/session') return method === 'POST' ? [401] : method === 'GET' ? [200] : [204];
  const names = /\{\w+\}/.test(path) || path === '/api/v1/items/lookup';
  const read = method === 'GET';
  if (path.startsWith('/api/v1/')) {
    if (role === 'anonymous') return [401];
    // Opening tenants is the operator key's alone (ADR 0045): no key of tenant A may.
    if (path === '/api/v1/tenants') return [403];
    if (role === 'read_only' && (!read || path === '/api/v1/api-keys')) return [403];
    if (names) return [404];
    // Lists and writes on the caller's own tenant: answered, but never with tenant B's data. A
    // write whose sample body names a connection the caller does not have (an external id's
    // `connectionId`) is 404, as an unknown one is.
    return read ? [200] : [200, 201, 202, 204, 404, 409, 422];
  }
  // Crux serves POST only on its SKU routes; other methods are 405 whoever calls.
  if (path.startsWith('/crux/') && method !== 'POST') return [405];
  // Marketplacer variants are the caller's own external ids: a variant no connection of the caller knows is 404,
  // a documented-shape body it cannot use is refused first (422).
  if (path.startsWith('/marketplacer/') && names) return [404, 422];
  // Vendor routes that name an object: the caller's connection sees only its tenant.
  return names ? [404] : [200];
}

/** Bodies that pass validation where the documented sample would be refused first (the policy is about the lookup). */
const VALID_BODIES: Record<string, unknown> = {
  'PUT /api/v1/locations/{locationId}/policy': { policy: 'latest' },
  'POST /api/v1/discrepancies/{discrepancyId}/resolve': { quantity: 1 },
};

/**
 * Routes whose body is a file, not JSON: the file sent, naming tenant B's SKU and location code
 * (`{sku}`, `{code}`); tenant A's import of it must neither see nor change B's stock.
 */
const FILE_BODIES: Record<string, { readonly text: string; readonly type: string }> = {
  'POST /api/v1/stock-levels/import': { text: 'sku,location,onHand\n{sku},{code},1\n', type: 'text/csv' },
};

/** Query strings of routes that need one; `{sku}` is tenant B's SKU. */
const QUERIES: Record<string, string> = { '/api/v1/items/lookup': '?sku={sku}' };

/** Tenant B's objects, and strings that would only appear in an answer that leaked them. */
interface Foreign {
  readonly ids: Record<string, string>;
  readonly markers: string[];
  readonly admin: Client;
}

/** Jobs tenant B queues: more than tenant A's calls of the check can number. */
const FOREIGN_JOBS = 10;

async function foreignTenant(deployment: Deployment): Promise<Foreign> {
  const b = await freshTenant(deployment);
  const sku = unique('B-SECRET-SKU');
  const code = unique('B-WH');
  const set = await b.admin('POST', '/api/v1/stock-levels/set', {
    json: { item: { sku }, location: { code }, onHand: 7, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
  });
  const connection = await b.admin('POST', '/api/v1/connections', {
    json: { dialect: 'comestri', name: unique('b-conn'), settings: { defaultLocationCode: code } },
  });
  recordSecret(connection.body.credentials.secret);
  const key = await b.admin('POST', '/api/v1/api-keys', { json: { name: unique('b-key'), role: 'read_only' } });
  recordSecret(key.body.secret);
  const comestri = await client(deployment.servers[0].baseUrl, null)('POST', '/comestri/api/v2/inventories', {
    json: { inventory: { inventory_source: unique('B-SRC'), product_code: sku, qty: 3 } },
    headers: { authorization: `Token token=${connection.body.credentials.token},email=b@example.com` },
  });
  const kibo = await b.admin('POST', '/api/v1/connections', { json: { dialect: 'kibo', name: unique('b-kibo'), settings: {} } });
  recordSecret(kibo.body.credentials.secret);
  const token = await kiboToken(deployment, kibo.body.credentials.credentialId, kibo.body.credentials.secret);
  // Job numbers are per tenant (ADR 0044): A has a job 1 of its own. B's job must have a number A
  // never reaches here (A's vendor calls queue at most one job per Kibo write route), so B queues
  // several, at one location: the last one ends last.
  const kiboB = client(deployment.servers[0].baseUrl, token);
  let job = await kiboB('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: code, items: [{ sku, quantity: 7 }] } });
  for (let n = 1; n < FOREIGN_JOBS && job.status === 200; n++) {
    job = await kiboB('POST', '/kibo/api/v5/inventory/refresh', { json: { locationName: code, items: [{ sku, quantity: 7 }] } });
  }
  if (job.status !== 200 || comestri.status >= 300)
    throw new Error(`tenant B's Kibo job answered ${job.status}, its Comestri record ${comestri.status}: ${JSON.stringify(comestri.body).slice(0, 200)}`);
  // The job runs in the background: tenant B's data is fixed only once it has finished.
  await finished(b.admin, job.body.jobID);
  return {
    admin: b.admin,
    ids: {
      itemId: set.body.itemId,
      locationId: set.body.locationId,
      connectionId: connection.body.connection.id,
      keyId: key.body.key.id,
      jobId: String(job.body.jobID),
      jobID: String(job.body.jobID),
      id: String(comestri.body?.inventory?.id ?? comestri.body?.id ?? '1'),
      discrepancyId: '00000000-0000-4000-8000-000000000001',
      variantId: '1',
      inventoryId: '1',
    },
    markers: [b.tenantId, sku, code, set.body.itemId, set.body.locationId, connection.body.connection.id, key.body.key.id],
  };
}

async function finished(admin: Client, jobId: number): Promise<void> {
  const job = await waitForJobEnd(admin, jobId, 15_000);
  if (job.status === 'FAILED') throw new Error(`tenant B's Kibo job failed: ${JSON.stringify(job)}`);
}

async function kiboToken(deployment: Deployment, id: string, secret: string): Promise<string> {
  const token = await kiboLogin(deployment.servers[0].baseUrl, id, secret);
  recordSecret(token);
  return token;
}

/** Everything tenant B has, to prove the matrix changed nothing there. */
async function snapshot(admin: Client): Promise<string> {
  const parts = await Promise.all(
    ['/api/v1/stock-levels?includeAbsent=true', '/api/v1/ledger', '/api/v1/items', '/api/v1/locations', '/api/v1/connections', '/api/v1/api-keys'].map((p) =>
      listAll(admin, p),
    ),
  );
  return JSON.stringify(parts);
}

/**
 * Check 6: every route of the served OpenAPI document, called by every role of tenant A with
 * tenant B's object ids, answers as {@link policy} says and never shows tenant B's data; tenant B
 * is unchanged afterwards. Marketplacer routes are called with a connection of tenant A too.
 */
export async function checkTenantIsolation(deployment: Deployment): Promise<{ rows: IsolationRow[]; violations: string[] }> {
  const base = deployment.servers[0].baseUrl;
  const doc = (await client(base, null)('GET', '/docs-json')).body as OpenApiDocument;
  const foreign = await foreignTenant(deployment);
  const a = await freshTenant(deployment);
  const readOnly = await a.admin('POST', '/api/v1/api-keys', { json: { name: unique('ro'), role: 'read_only' } });
  recordSecret(readOnly.body.secret);
  const vendorOf = async (dialect: string, settings: Record<string, unknown> = {}) => {
    const c = await a.admin('POST', '/api/v1/connections', { json: { dialect, name: unique(dialect), settings } });
    recordSecret(c.body.credentials.secret);
    return c.body.credentials as { credentialId: string; secret: string; token: string };
  };
  const kibo = await vendorOf('kibo');
  const comestri = await vendorOf('comestri');
  const marketplacer = await vendorOf('marketplacer', { options: { sellerId: 5, sellerName: 'A' } });
  const crux = await vendorOf('crux', { defaultLocationCode: 'A-WH' });
  const cruxToken = await cruxLogin(base, crux.credentialId, crux.secret);
  recordSecret(cruxToken);
  // Credentials of tenant A's connection by dialect; which paths are whose comes from the server's own description.
  const credentialsByDialect: Record<string, Record<string, string>> = {
    kibo: { authorization: `Bearer ${await kiboToken(deployment, kibo.credentialId, kibo.secret)}` },
    comestri: { authorization: `Token token=${comestri.token},email=a@example.com` },
    marketplacer: { authorization: `Bearer ${marketplacer.token}` },
    crux: { authorization: `Token ${cruxToken}` },
    retailops: {},
  };
  const described = (await a.admin('GET', '/api/v1/dialects')).body.items as { name: string; pathPrefix: string | null; credential: { scheme: string } }[];
  // A dialect added since, whose client presents the connection token as a bearer, needs nothing of its own here.
  for (const dialect of described.filter((d) => d.pathPrefix && !credentialsByDialect[d.name] && d.credential.scheme === 'bearer-token')) {
    credentialsByDialect[dialect.name] = { authorization: `Bearer ${(await vendorOf(dialect.name)).token}` };
  }
  const vendorHeaders: [string, Record<string, string>][] = [
    // The OAuth2 token route takes the client's Basic credentials, not a token.
    ['/kibo/oauthserver/', { authorization: `Basic ${Buffer.from(`${kibo.credentialId}:${kibo.secret}`).toString('base64')}` }],
  ];
  const violations: string[] = [];
  for (const dialect of described.filter((d) => d.pathPrefix)) {
    const headers = credentialsByDialect[dialect.name];
    if (headers) vendorHeaders.push([dialect.pathPrefix as string, headers]);
    else violations.push(`dialect ${dialect.name} (${dialect.pathPrefix}) has no credentials in this check: add them`);
  }
  const before = await snapshot(foreign.admin);
  const keys: Record<Exclude<Role, 'vendor'>, string | null> = { admin: a.adminKey, read_only: readOnly.body.secret, anonymous: null };
  const rows: IsolationRow[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => foreign.ids[name] ?? 'x') + (QUERIES[path] ?? '').replace('{sku}', foreign.markers[1]);
      const schema = operation.requestBody ? Object.values(operation.requestBody.content)[0].schema : undefined;
      const route = `${method.toUpperCase()} ${path}`;
      const body = route in VALID_BODIES ? VALID_BODIES[route] : schema ? sample(doc, schema) : undefined;
      const roles: Role[] = path.startsWith('/api/v1/') || path === '/health' ? ['admin', 'read_only', 'anonymous'] : ['vendor'];
      for (const role of roles) {
        const headers = role === 'vendor' ? (vendorHeaders.find(([prefix]) => path.startsWith(prefix))?.[1] ?? {}) : {};
        const call = client(base, role === 'vendor' ? null : keys[role]);
        const file = FILE_BODIES[route];
        const sent = file
          ? { raw: file.text.replace('{sku}', foreign.markers[1]).replace('{code}', foreign.markers[2]), headers: { ...headers, 'content-type': file.type } }
          : { ...(body !== undefined ? { json: body } : {}), headers };
        const answer: Answer = await call(method.toUpperCase(), url, sent);
        const text = JSON.stringify(answer.body);
        // An error may name the id the caller sent; anything else of tenant B is a leak.
        const leaked = foreign.markers.some((m) => text.includes(m) && !url.includes(m));
        const expected = policy(method.toUpperCase(), path, role);
        rows.push({ route: `${method.toUpperCase()} ${path}`, role, expected: expected.join('/'), status: answer.status, leaked });
        // Vendor write routes act on the caller's own connection: only a leak is a violation there.
        const vendorWrite = role === 'vendor' && method !== 'get' && !/\{\w+\}/.test(path);
        if (leaked) violations.push(`${method.toUpperCase()} ${path} as ${role} showed tenant B's data: ${text.slice(0, 200)}`);
        if (!vendorWrite && !expected.includes(answer.status))
          violations.push(`${method.toUpperCase()} ${path} as ${role}: ${answer.status}, policy says ${expected.join('/')}`);
        if (answer.status >= 500) violations.push(`${method.toUpperCase()} ${path} as ${role}: ${answer.status}`);
      }
    }
  }
  if ((await snapshot(foreign.admin)) !== before) violations.push("tenant B's data changed");
  return { rows, violations };
}
