import { targets } from './support/e2e-targets.state';
import { client } from '@tally/test-support';

/** The canonical API's routes; vendor dialects add theirs under their own prefixes. */
const ROUTES = [
  'GET /health',
  'POST /api/v1/tenants',
  'POST /api/v1/api-keys',
  'GET /api/v1/api-keys',
  'DELETE /api/v1/api-keys/{keyId}',
  'POST /api/v1/connections',
  'GET /api/v1/connections',
  'GET /api/v1/connections/{connectionId}',
  'PATCH /api/v1/connections/{connectionId}',
  'POST /api/v1/connections/{connectionId}/rotate',
  'POST /api/v1/connections/{connectionId}/revoke',
  'GET /api/v1/items',
  'GET /api/v1/items/lookup',
  'GET /api/v1/items/{itemId}',
  'GET /api/v1/items/{itemId}/availability',
  'GET /api/v1/locations',
  'GET /api/v1/locations/{locationId}',
  'PUT /api/v1/locations/{locationId}/policy',
  'GET /api/v1/stock-levels',
  'POST /api/v1/stock-levels/set',
  'POST /api/v1/stock-levels/adjust',
  'POST /api/v1/stock-levels/compare-and-set',
  'POST /api/v1/stock-levels/remove',
  'POST /api/v1/stock-levels/batch',
  'GET /api/v1/ledger',
  'GET /api/v1/discrepancies',
  'GET /api/v1/discrepancies/{discrepancyId}',
  'POST /api/v1/discrepancies/{discrepancyId}/resolve',
  'POST /api/v1/verify',
];

describe.each(targets())('OpenAPI on %s', (_kind, target) => {
  const anonymous = client(target.baseUrl, null);

  it('/docs-json lists every canonical route with bearer auth, and every route with a summary', async () => {
    const { status, body } = await anonymous('GET', '/docs-json');
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operations = Object.entries(body.paths as Record<string, Record<string, { summary?: string; security?: unknown[] }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    const routes = operations.map((o) => o.route);
    expect(routes).toEqual(expect.arrayContaining(ROUTES));
    for (const { route, op } of operations) {
      expect(op.summary).toBeTruthy();
      // Vendor routes authenticate in their vendor's own way; every canonical route takes the bearer key,
      // except the console's sign-in, which is where a key is traded for a session cookie.
      if (route.includes(' /api/v1/session')) expect(op.security).toBeUndefined();
      else if (route.includes(' /api/v1/')) expect(op.security).toEqual([{ bearer: [] }]);
    }
  });

  it('documents the schemas of requests, answers and problems', async () => {
    const { body } = await anonymous('GET', '/docs-json');
    const schemas = Object.keys(body.components.schemas);
    for (const name of ['ProblemDetailsDto', 'StockBatchRequestDto', 'SetLineDto', 'BatchReportDto', 'StockLevelDto', 'LedgerEntryDto', 'DiscrepancyDto']) {
      expect(schemas).toContain(name);
    }
    const setOp = body.paths['/api/v1/stock-levels/set'].post;
    expect(setOp.parameters.map((p: { name: string }) => p.name)).toContain('Idempotency-Key');
    expect(setOp.responses['409'].content['application/problem+json']).toBeDefined();
  });

  it('serves Swagger UI at /docs', async () => {
    const answer = await anonymous('GET', '/docs');
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/text\/html/);
    expect(answer.body).toContain('swagger');
  });
});
