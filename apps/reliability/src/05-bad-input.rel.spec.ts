import fc from 'fast-check';
import { HEAP_RISE_LIMIT_KB, malformedRequests, memoryFigures, sendMalformed, type EndpointFigures, type WriteEndpoint } from './checks/bad-input.checker';
import type { HeapFigures } from './support/heap.probe';
import { inDialectOf } from './checks/dialect-shape';
import { sample, type OpenApiDocument } from './checks/openapi.sampler';
import { deploy, listAll, unique, type Deployment } from './support/deployment.fixture';
import { client, cruxToken as cruxLogin, kiboToken as kiboLogin, type Client } from '@tally/test-support';
import { report } from './support/figures.report';
import { recordSecret } from './support/run-dir';

const PER_ENDPOINT = Number(process.env['RELIABILITY_BAD_INPUT_PER_ENDPOINT'] ?? 2000);
const BODY_LIMIT = 64 * 1024;
const SEED = Number(process.env['RELIABILITY_SEED'] ?? 20260101);
const WRITE_METHODS = ['post', 'put', 'patch'];
// Requests per endpoint before the first heap sample: lazily built caches (compiled schemas, prepared statements) fill up.
const WARM_UP_PER_ENDPOINT = 100;

/** Everything a write could change in the tenant. */
async function snapshot(admin: Client): Promise<string> {
  const parts = await Promise.all(
    [
      '/api/v1/stock-levels?includeAbsent=true',
      '/api/v1/ledger',
      '/api/v1/items',
      '/api/v1/locations',
      '/api/v1/connections',
      '/api/v1/api-keys',
      '/api/v1/discrepancies?status=all',
    ].map((p) => listAll(admin, p)),
  );
  return JSON.stringify(parts);
}

// Lines naming unknown items are refused, so a request a lenient dialect accepts cannot create the sampled items.
async function connection(admin: Client, dialect: string, settings: Record<string, unknown> = {}) {
  const answer = await admin('POST', '/api/v1/connections', {
    json: { dialect, name: unique(dialect), settings: { unknownItemPolicy: 'reject', ...settings } },
  });
  if (answer.status !== 201) throw new Error(`${dialect} connection answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  recordSecret(answer.body.credentials.secret);
  return answer.body as { connection: { id: string }; credentials: { credentialId: string; secret: string; token: string } };
}

/** The write endpoints of the served document, each with the credentials of its dialect. */
async function writeEndpoints(deployment: Deployment, doc: OpenApiDocument): Promise<WriteEndpoint[]> {
  const base = deployment.servers[0].baseUrl;
  const admin = deployment.admin();
  const anonymous = client(base, null);
  const seeded = await admin('POST', '/api/v1/stock-levels/set', {
    json: { item: { sku: 'SEED-1' }, location: { code: 'WH-SEED' }, onHand: 5, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' },
  });
  const kibo = await connection(admin, 'kibo');
  const kiboToken = await kiboLogin(base, kibo.credentials.credentialId, kibo.credentials.secret);
  const crux = await connection(admin, 'crux', { defaultLocationCode: 'WH-SEED' });
  const cruxToken = await cruxLogin(base, crux.credentials.credentialId, crux.credentials.secret);
  await severalSourcesAt(admin, anonymous, cruxToken);
  const comestri = await connection(admin, 'comestri');
  const marketplacer = await connection(admin, 'marketplacer', { options: { sellerId: 100, sellerName: 'Owner' } });
  const retailops = (
    await admin('POST', '/api/v1/retailops/connections', { json: { name: unique('retailops'), settings: { unknownItemPolicy: 'reject', options: {} } } })
  ).body;
  recordSecret(retailops.credentials.secret);
  for (const token of [kiboToken, cruxToken]) recordSecret(token);
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const params: Record<string, string> = {
    connectionId: comestri.connection.id,
    locationId: seeded.body.locationId,
    discrepancyId: '00000000-0000-4000-8000-000000000000',
    variantId: '14',
  };
  const endpoints: WriteEndpoint[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!WRITE_METHODS.includes(method) || !operation.requestBody) continue;
      const [contentType, { schema }] = Object.entries(operation.requestBody.content)[0];
      let headers: Record<string, string> = {};
      let bodyCredentials: Record<string, string> | undefined;
      if (path.startsWith('/api/v1/')) headers = { authorization: `Bearer ${deployment.adminKey}` };
      else if (path.startsWith('/kibo/oauthserver/')) headers = { authorization: basic(kibo.credentials.credentialId, kibo.credentials.secret) };
      else if (path.startsWith('/kibo/')) headers = { authorization: `Bearer ${kiboToken}` };
      else if (path.startsWith('/crux/timp/organizations/')) headers = {};
      else if (path.startsWith('/crux/')) headers = { authorization: `Token ${cruxToken}` };
      else if (path.startsWith('/comestri/')) headers = { authorization: `Token token=${comestri.credentials.token},email=ops@example.com` };
      else if (path.startsWith('/marketplacer/')) headers = { authorization: `Bearer ${marketplacer.credentials.token}` };
      else if (path.startsWith('/retailops/')) {
        headers = { authorization: basic(retailops.credentials.credentialId, retailops.credentials.secret) };
        bodyCredentials = { integration_auth_token: retailops.credentials.token };
      }
      const url = `${base}${path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? 'x')}`;
      endpoints.push({ method: method.toUpperCase(), path, url, schema, contentType, headers, ...(bodyCredentials ? { bodyCredentials } : {}) });
    }
  }
  return endpoints;
}

/**
 * Several connections at the seeded place: a canonical connection becomes its source and the
 * Crux connection's report is kept as an observation (an open discrepancy), so malformed input
 * meets a place with several observations and must change none of them.
 */
async function severalSourcesAt(admin: Client, anonymous: Client, cruxToken: string): Promise<void> {
  const feed = await connection(admin, 'canonical');
  const fed = await admin('POST', '/api/v1/stock-levels/set', {
    json: { item: { sku: 'SEED-1' }, location: { code: 'WH-SEED' }, onHand: 6, connectionId: feed.connection.id },
  });
  const observed = await anonymous('POST', '/crux/timp/products/skus/inventory/', {
    json: { sku_id: 'SEED-1', quantity_in_stock: 9 },
    headers: { authorization: `Token ${cruxToken}` },
  });
  if (fed.status !== 200 || observed.status !== 202) throw new Error(`seeding two sources answered ${fed.status} and ${observed.status}`);
}

describe('check 5: bad input', () => {
  it(
    `answers ${PER_ENDPOINT} generated malformed requests per write endpoint of every dialect with a 4xx in the dialect, changing nothing, in flat memory`,
    async () => {
      // No job worker: Kibo queues the few lenient refreshes it accepts (up to 20,000 lines each), and running them would
      // mix the memory of that work into the memory of the input path this check measures.
      const deployment = await deploy(
        'bad-input',
        'sqlite',
        1,
        { BODY_LIMIT: String(BODY_LIMIT), AUTH_FAILURE_LIMIT: '1000000', SIGN_IN_LIMIT_PER_ADDRESS: '1000000', LOG_LEVEL: 'warn', JOBS_WORKER: 'off' },
        { inspect: true },
      );
      try {
        const doc = (await client(deployment.servers[0].baseUrl, null)('GET', '/docs-json')).body as OpenApiDocument;
        const endpoints = await writeEndpoints(deployment, doc);
        // RetailOPS creates the locations of its channel and facilities on a push it accepts: push the documented
        // sample once, so that a lenient acceptance later (unknown items refused) has nothing left to create.
        for (const endpoint of endpoints.filter((e) => e.path.startsWith('/retailops/'))) {
          const body = JSON.stringify({ ...(sample(doc, endpoint.schema) as object), ...endpoint.bodyCredentials });
          await fetch(endpoint.url, { method: endpoint.method, headers: { ...endpoint.headers, 'content-type': endpoint.contentType }, body });
        }
        const before = await snapshot(deployment.admin());
        const server = deployment.servers[0];
        const rows: EndpointFigures[] = [];
        const problems: string[] = [];
        // The warm-up's answers are checked like the others' but not counted in the figures.
        for (const [index, endpoint] of endpoints.entries()) {
          const requests = fc.sample(malformedRequests(doc, endpoint, BODY_LIMIT), { numRuns: WARM_UP_PER_ENDPOINT, seed: SEED - 1 - index });
          const { figures, samples } = await sendMalformed(endpoint, requests, inDialectOf(endpoint.path), () => undefined);
          if (figures.serverErrors || figures.notInDialect) problems.push(...samples);
        }
        const heap: HeapFigures[] = [await server.heapAfterGc()];
        let sent = 0;
        for (const [index, endpoint] of endpoints.entries()) {
          const requests = fc.sample(malformedRequests(doc, endpoint, BODY_LIMIT), { numRuns: PER_ENDPOINT, seed: SEED + index });
          const { figures, samples } = await sendMalformed(endpoint, requests, inDialectOf(endpoint.path), () => sent++);
          rows.push(figures);
          problems.push(...samples);
          heap.push(await server.heapAfterGc());
        }
        const after = await snapshot(deployment.admin());
        report(`check 5: bad input (seed ${SEED}, ${PER_ENDPOINT} per endpoint)`, rows as unknown as Record<string, unknown>[]);
        const memory = memoryFigures(sent, heap);
        report('check 5: server memory after a full GC (kB; first sample after the warm-up, then one per endpoint)', [
          memory as unknown as Record<string, unknown>,
        ]);
        console.log(`[reliability] check 5: heap used after GC (kB): ${heap.map((h) => h.heapUsedKb).join(' ')}`);
        if (problems.length) console.log(problems.join('\n'));
        expect(endpoints.length).toBeGreaterThanOrEqual(20);
        expect(rows.every((r) => r.requests === PER_ENDPOINT)).toBe(true);
        expect(rows.filter((r) => r.serverErrors > 0)).toEqual([]);
        expect(rows.filter((r) => r.notInDialect > 0)).toEqual([]);
        expect(problems).toEqual([]);
        if (after !== before) {
          const [was, is] = [JSON.parse(before) as unknown[], JSON.parse(after) as unknown[]];
          console.log(
            `changed: ${was.map((part, i) => (JSON.stringify(part) === JSON.stringify(is[i]) ? '' : `${i}: ${JSON.stringify(is[i]).slice(0, 1500)}`)).join('\n')}`,
          );
        }
        expect(after).toEqual(before);
        expect(memory.heapRiseKb + memory.externalRiseKb).toBeLessThan(HEAP_RISE_LIMIT_KB);
      } finally {
        await deployment.close();
      }
    },
    20 * 60_000,
  );

  it('negative control: with body validation skipped, the checker finds 5xx or answers outside the dialect', async () => {
    const deployment = await deploy('bad-input-control', 'sqlite', 1, {
      BODY_LIMIT: String(BODY_LIMIT),
      AUTH_FAILURE_LIMIT: '1000000',
      SIGN_IN_LIMIT_PER_ADDRESS: '1000000',
      LOG_LEVEL: 'warn',
      JOBS_WORKER: 'off',
      TALLY_UNSAFE_TEST_MODE: 'skip-body-validation',
    });
    try {
      const doc = (await client(deployment.servers[0].baseUrl, null)('GET', '/docs-json')).body as OpenApiDocument;
      const endpoint = (await writeEndpoints(deployment, doc)).find((e) => e.method === 'POST' && e.path === '/api/v1/stock-levels/adjust');
      if (!endpoint) throw new Error('no adjust endpoint in the document');
      // A few hundred requests on one endpoint are enough to meet a wrong type that reaches the handler.
      const requests = fc.sample(malformedRequests(doc, endpoint, BODY_LIMIT), { numRuns: 300, seed: SEED });
      const { figures } = await sendMalformed(endpoint, requests, inDialectOf(endpoint.path), () => undefined);
      report('check 5: bad input (unsafe: skip-body-validation)', [figures as unknown as Record<string, unknown>]);
      expect(figures.serverErrors + figures.notInDialect).toBeGreaterThan(0);
    } finally {
      await deployment.close();
    }
  });

  it('negative control: with refused requests kept in memory, the checker finds the heap rising', async () => {
    const deployment = await deploy(
      'bad-input-leak-control',
      'sqlite',
      1,
      {
        BODY_LIMIT: String(BODY_LIMIT),
        AUTH_FAILURE_LIMIT: '1000000',
        SIGN_IN_LIMIT_PER_ADDRESS: '1000000',
        LOG_LEVEL: 'warn',
        JOBS_WORKER: 'off',
        TALLY_UNSAFE_TEST_MODE: 'retain-refused-requests',
      },
      { inspect: true },
    );
    try {
      const server = deployment.servers[0];
      const doc = (await client(server.baseUrl, null)('GET', '/docs-json')).body as OpenApiDocument;
      const endpoint = (await writeEndpoints(deployment, doc)).find((e) => e.method === 'POST' && e.path === '/api/v1/stock-levels/adjust');
      if (!endpoint) throw new Error('no adjust endpoint in the document');
      const check = inDialectOf(endpoint.path);
      await sendMalformed(
        endpoint,
        fc.sample(malformedRequests(doc, endpoint, BODY_LIMIT), { numRuns: WARM_UP_PER_ENDPOINT, seed: SEED - 1 }),
        check,
        () => undefined,
      );
      const heap: HeapFigures[] = [await server.heapAfterGc()];
      const { figures } = await sendMalformed(
        endpoint,
        fc.sample(malformedRequests(doc, endpoint, BODY_LIMIT), { numRuns: PER_ENDPOINT, seed: SEED }),
        check,
        () => undefined,
      );
      heap.push(await server.heapAfterGc());
      const memory = memoryFigures(figures.requests, heap);
      report('check 5: server memory after a full GC (unsafe: retain-refused-requests)', [memory as unknown as Record<string, unknown>]);
      expect(memory.heapRiseKb + memory.externalRiseKb).toBeGreaterThanOrEqual(HEAP_RISE_LIMIT_KB);
    } finally {
      await deployment.close();
    }
  });
});
