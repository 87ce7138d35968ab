import { client, waitForJobEnd, type Client } from '@tally/test-support';
import { targets } from './support/e2e-targets.state';
import { Fleet } from './support/server-fleet';
import { freshTenant, setStock } from './support/tenant.fixtures';

const IMPORT = '/api/v1/stock-levels/import?createItems=true&createLocations=warehouse';
const csv = (text: string) => ({ raw: text, headers: { 'content-type': 'text/csv' } });

// Line 2 creates an item, 3 has a bad quantity, 4 holds what the level holds, 5 names no item.
const FILE = ['sku,location,onHand', 'IM-1,WH,5', 'IM-2,WH,abc', 'EX-1,WH,4', ',WH,3', ''].join('\n');

async function ledgerSize(admin: Client): Promise<number> {
  return (await admin('GET', '/api/v1/ledger?limit=500')).body.items.length;
}

async function exported(admin: Client): Promise<Record<string, unknown>[]> {
  const text = (await admin('GET', '/api/v1/stock-levels/export?format=ndjson')).body as string;
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

describe.each(targets())('stock import on %s', (_kind, target) => {
  it('previews a file with good and bad lines, line by line, and changes nothing', async () => {
    const { admin } = await freshTenant(target);
    await setStock(admin, 'EX-1', 'WH', { onHand: 4 });
    const before = await ledgerSize(admin);
    const preview = await admin('POST', `${IMPORT}&dryRun=true`, csv(FILE));
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ lines: 4, valid: 2, invalid: 2, wouldChange: 1, unchanged: 1, observed: 0, itemsCreated: 1, problemsOmitted: 0 });
    expect(preview.body.problems.map((p: { line: number; field: string }) => [p.line, p.field])).toEqual([
      [3, 'onHand'],
      [5, 'item'],
    ]);
    expect(await ledgerSize(admin)).toBe(before);
    expect((await admin('GET', '/api/v1/items/lookup?sku=IM-1')).status).toBe(404);
    expect((await admin('GET', '/api/v1/jobs')).body.items).toEqual([]);
  });

  it('imports a file as a job: the good lines applied, the bad ones named by line, progress up to the total', async () => {
    const { admin } = await freshTenant(target);
    await setStock(admin, 'EX-1', 'WH', { onHand: 4 });
    const accepted = await admin('POST', `${IMPORT}&reference=stock.csv`, csv(FILE));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ jobId: expect.any(Number), status: 'PENDING', lines: 4, unreadable: 2 });
    expect(accepted.headers.get('location')).toBe(`/api/v1/jobs/${accepted.body.jobId}`);
    const job = await waitForJobEnd(admin, accepted.body.jobId);
    expect(job).toMatchObject({ kind: 'IMPORT', status: 'SUCCESS', itemCount: 4, processed: 4 });
    expect(job.messages.map((m: { line: number }) => m.line)).toEqual([3, 5]);
    expect(job.messages[0].message).toContain('onHand');
    const levels = await exported(admin);
    expect(levels.find((l) => l['sku'] === 'IM-1')).toMatchObject({ location: 'WH', onHand: 5 });
    expect(levels.find((l) => l['sku'] === 'EX-1')).toMatchObject({ onHand: 4 });
    expect(levels.some((l) => l['sku'] === 'IM-2')).toBe(false);
    const ledger = (await admin('GET', '/api/v1/ledger?limit=10')).body.items;
    expect(ledger[0]).toMatchObject({ reference: 'stock.csv', actor: expect.stringMatching(/^api-key:/) });
  });

  it('reads NDJSON by its media type', async () => {
    const { admin } = await freshTenant(target);
    const body = ['{"sku":"ND-1","location":"WH","onHand":2}', '{"sku":"ND-2","location":"WH","onHand":"x"}'].join('\n');
    const preview = await admin('POST', `${IMPORT}&dryRun=true`, { raw: body, headers: { 'content-type': 'application/x-ndjson' } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ lines: 2, valid: 1, invalid: 1 });
    expect(preview.body.problems[0]).toMatchObject({ line: 2, field: 'onHand' });
  });

  it('refuses a bad format, an unusable header and other media types with 4xx naming them, storing nothing', async () => {
    const { admin } = await freshTenant(target);
    const format = await admin('POST', `${IMPORT}&format=xml`, csv(FILE));
    expect(format.status).toBe(400);
    expect(format.body).toMatchObject({ code: 'REQUEST.MALFORMED', errors: [{ field: 'format' }] });
    for (const dryRun of ['true', 'false']) {
      const header = await admin('POST', `${IMPORT}&dryRun=${dryRun}`, csv('sku,wat,location\nA,1,WH\n'));
      expect(header.status).toBe(400);
      expect(header.body.errors[0].field).toBe('header');
      expect(header.body.errors[0].message).toContain('wat');
      const empty = await admin('POST', `${IMPORT}&dryRun=${dryRun}`, csv(''));
      expect(empty.status).toBe(400);
      expect(empty.body.errors[0].field).toBe('header');
    }
    const json = await admin('POST', IMPORT, { json: [{ sku: 'A' }] });
    expect(json.status).toBe(415);
    const plain = await admin('POST', IMPORT, { raw: 'sku,location\n', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect((await admin('GET', '/api/v1/jobs')).body.items).toEqual([]);
    expect(await ledgerSize(admin)).toBe(0);
    expect((await client(target.baseUrl, null)('POST', IMPORT, csv(FILE))).status).toBe(401);
  });
});

describe.each([['sqlite'], ['postgres']] as const)('stock import across processes on %s', (kind) => {
  let fleet: Fleet;
  beforeEach(() => (fleet = new Fleet()));
  afterEach(() => fleet.release());

  it('is stored by a process that runs no jobs and run by another one, within the body limit and the quota', async () => {
    const database = await fleet.database(kind);
    const acceptor = await fleet.server(database, { JOBS_WORKER: 'off', STOCK_IMPORT_BODY_LIMIT: '4kb', TENANT_MAX_QUEUED_JOBS: '1' });
    const { admin, adminKey } = await freshTenant(fleet.target(acceptor, kind));
    const rows = Array.from({ length: 250 }, (_, n) => `W-${n},WH,${n + 1}`);
    const file = ['sku,location,onHand', ...rows].join('\n');
    const tooLarge = await admin('POST', IMPORT, csv(`${file}\n${file.slice(20)}`));
    expect(tooLarge.status).toBe(413);
    const accepted = await admin('POST', IMPORT, csv(file));
    expect(accepted.status).toBe(202);
    expect((await admin('GET', `/api/v1/jobs/${accepted.body.jobId}`)).body).toMatchObject({ status: 'PENDING', itemCount: 250, processed: 0 });
    const overQuota = await admin('POST', IMPORT, csv(file));
    expect(overQuota.status).toBe(429);
    expect(overQuota.body.code).toBe('JOBS.QUOTA_EXCEEDED');
    const worker = await fleet.server(database, { JOBS_CHUNK_SIZE: '100' });
    const job = await waitForJobEnd(client(worker.baseUrl, adminKey), accepted.body.jobId);
    expect(job).toMatchObject({ status: 'SUCCESS', itemCount: 250, processed: 250, messages: [] });
    const levels = await exported(admin);
    expect(levels).toHaveLength(250);
    expect(levels.find((l) => l['sku'] === 'W-249')).toMatchObject({ onHand: 250 });
  }, 180_000);
});
