import type { RunningServer } from '@tally/test-support';
import { Fleet } from '../support/server-fleet';
import { freshTenant } from '../support/tenant.fixtures';
import { kiboClient, waitForJob } from './kibo.e2e-helpers';

const REFRESH = '/kibo/inv/api/v5/inventory/refresh';
const ONE_MB = 1024 * 1024;

/** A 12-digit UPC-A with a valid check digit. */
function upc(n: number): string {
  const body = String(100_000_000_00 + n).slice(-11);
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** `count` refresh items with every field Kibo defines filled in. */
function fullItems(count: number, attributes: (n: number) => string[]): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, n) => ({
    partNumber: `PN-${n}`,
    upc: upc(n),
    sku: `FULL-${String(n).padStart(5, '0')}`,
    quantity: (n % 9) + 1,
    binID: (n % 40) + 1,
    ltd: 1.5,
    floor: 1,
    safetyStock: 1,
    currencyID: 1,
    retailPrice: 19.99,
    attributes: attributes(n),
  }));
}

describe('Kibo refresh body limit (its own setting; other routes keep BODY_LIMIT)', () => {
  const fleet = new Fleet();
  let server: RunningServer;
  afterAll(() => fleet.release());

  it('accepts a 12,000-item refresh over 1 MB, refuses one over the Kibo limit with 413 in Kibo shape, and keeps 1 MB elsewhere', async () => {
    server = await fleet.server(await fleet.database('sqlite'), { KIBO_REFRESH_BODY_LIMIT: '4mb' });
    const target = { name: 'sqlite' as const, baseUrl: server.baseUrl, adminKey: fleet.adminKey, banner: '' };
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(server.baseUrl, admin);

    const full = JSON.stringify({ manufacturerID: '00000', locationName: 'full', items: fullItems(12_000, (n) => [`COLOR-${n % 7}`, 'CLEARANCE']) });
    expect(full.length).toBeGreaterThan(ONE_MB);
    const accepted = await kibo.call('POST', REFRESH, { raw: full, headers: { 'content-type': 'application/json' } });
    expect(accepted.status).toBe(200);
    const job = await waitForJob(kibo.call, accepted.body.jobID);
    expect(job).toMatchObject({ status: 'SUCCESS', itemCount: 12_000, processedCount: 12_000, messages: [] });

    const huge = JSON.stringify({ locationName: 'full', items: fullItems(12_000, (n) => [`LONG-${'x'.repeat(300 - 20)}-${n}`.slice(0, 255)]) });
    expect(huge.length).toBeGreaterThan(4 * ONE_MB);
    const refused = await kibo.call('POST', REFRESH, { raw: huge, headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ status: 413, error: expect.any(String), message: expect.any(String), errors: expect.any(Array) });

    const canonical = await admin('POST', '/api/v1/stock-levels/set', {
      raw: JSON.stringify({ lines: [], pad: 'x'.repeat(ONE_MB + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(canonical.status).toBe(413);
  }, 300_000);
});
