import { targets } from '../support/e2e-targets.state';
import { client } from '@tally/test-support';
import { freshTenant } from '../support/tenant.fixtures';
import { basic, items, kiboClient, ledgerCount, levelBySku, waitForJob } from './kibo.e2e-helpers';

const REFRESH = '/kibo/api/v5/inventory/refresh';
const INV_REFRESH = '/kibo/inv/api/v5/inventory/refresh';

describe.each(targets())('Kibo inventory refresh on %s', (_kind, target) => {
  it("applies the document's request (quantity sent as a string) as a job and answers only its integer jobID", async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    // The document's "full request", made valid JSON: braces added, 00000 and "101" as strings.
    const raw = '{"manufacturerID": "00000", "locationName": "1", "items": [{"partNumber": "101010", "sku": "101010", "quantity": "101"}]}';
    const answer = await kibo.call('POST', REFRESH, { raw, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['jobID']);
    expect(Number.isInteger(answer.body.jobID)).toBe(true);
    const job = await waitForJob(kibo.call, answer.body.jobID);
    expect(job).toMatchObject({ jobID: answer.body.jobID, type: 'REFRESH', status: 'SUCCESS', success: true, itemCount: 1, messages: [], locationCode: '1' });
    for (const time of [job.added, job.started, job.finished]) expect(new Date(time).toISOString()).toBe(time);
    expect((await levelBySku(admin, '101010', '1')).figures.onHand).toBe(101);
    const item = await admin('GET', '/api/v1/items/lookup?partNumber=101010');
    expect(item.body.sku).toBe('101010');
    expect(await ledgerCount(admin)).toBe(1);
    const canonical = await admin('GET', `/api/v1/jobs/${answer.body.jobID}`);
    expect(canonical.status).toBe(200);
    expect(canonical.body).toMatchObject({ id: answer.body.jobID, kind: 'REFRESH', status: 'SUCCESS', itemCount: 1, processed: 1, messages: [] });
  });

  it('maps floor, safety stock, bin, price and attributes (added, never dropped), and floor feeds availability', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const first = await kibo.call('POST', INV_REFRESH, {
      json: {
        locationName: 'store-7',
        items: [{ sku: 'A1', quantity: 10, floor: 2, safetyStock: 3, binID: 4, retailPrice: 9.5, currencyID: 1, ltd: 1.5, attributes: ['TEST1', 'TEST2'] }],
      },
    });
    await waitForJob(kibo.call, first.body.jobID);
    const second = await kibo.call('POST', INV_REFRESH, { json: { locationName: 'store-7', items: [{ sku: 'A1', quantity: 8, attributes: ['TEST3'] }] } });
    expect((await waitForJob(kibo.call, second.body.jobID)).status).toBe('SUCCESS');
    const level = await levelBySku(admin, 'A1', 'store-7');
    expect(level.figures).toMatchObject({ onHand: 8, floor: 2, safetyStock: 3 });
    expect(level.details).toMatchObject({
      binId: '4',
      price: '9.5',
      currency: '1',
      attributes: { TEST1: 'true', TEST2: 'true', TEST3: 'true', 'kibo.ltd': '1.5' },
    });
    expect(level.availability.sellable).toBe(5);
  });

  it('accepts 12,000 items and refuses 12,001 with 400 before anything is queued', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const refused = await kibo.call('POST', REFRESH, { json: { locationName: 'big', items: items('N', 12_001) } });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ status: 400, errors: [{ field: 'items', message: expect.stringContaining('at most 12000') }] });
    expect(await ledgerCount(admin)).toBe(0);
    expect((await admin('GET', '/api/v1/jobs/1')).status).toBe(404);
    const accepted = await kibo.call('POST', REFRESH, { json: { locationName: 'big', items: items('N', 12_000) } });
    expect(accepted.status).toBe(200);
    const job = await waitForJob(kibo.call, accepted.body.jobID);
    expect(job).toMatchObject({ status: 'SUCCESS', itemCount: 12_000, processedCount: 12_000, messages: [] });
    expect(await ledgerCount(admin)).toBe(12_000);
  });

  it('applies the good items of a job and names each bad one and why in messages', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin, 'reject');
    await admin('POST', '/api/v1/stock-levels/set', {
      json: { item: { sku: 'KNOWN-1' }, location: { code: 'L1' }, onHand: 1, unknownItemPolicy: 'create', createLocationsAs: 'store' },
    });
    const answer = await kibo.call('POST', REFRESH, {
      json: {
        locationName: 'L1',
        items: [
          { sku: 'KNOWN-1', quantity: 5 },
          { sku: 'UNKNOWN-9', quantity: 3 },
          { sku: 'KNOWN-1', quantity: 6 },
          { upc: '036000291453', quantity: 1 },
          { sku: 'NEG', quantity: -1 },
          { quantity: 2 },
        ],
      },
    });
    expect(answer.status).toBe(200);
    const job = await waitForJob(kibo.call, answer.body.jobID);
    expect(job).toMatchObject({ status: 'SUCCESS', itemCount: 6, processedCount: 6 });
    expect(job.messages).toEqual([
      expect.stringMatching(/^items\[1\] \(sku UNKNOWN-9\): INVENTORY\.UNKNOWN_ITEM/),
      expect.stringMatching(/^items\[2\] \(sku KNOWN-1\): KIBO\.DUPLICATE_ITEM: .*merged into items\[0\]/),
      expect.stringMatching(/^items\[3\] \(upc 036000291453\): REQUEST\.INVALID: items\[3\]\.upc .*check digit/),
      expect.stringMatching(/^items\[4\] \(sku NEG\): REQUEST\.INVALID: items\[4\]\.quantity must be at least 0/),
      expect.stringMatching(/^items\[5\]: REQUEST\.INVALID: items\[5\] needs one of partNumber, upc or sku/),
    ]);
    expect((await levelBySku(admin, 'KNOWN-1', 'L1')).figures.onHand).toBe(6);
    expect((await admin('GET', '/api/v1/items/lookup?sku=UNKNOWN-9')).status).toBe(404);
  });

  it('runs two refreshes of the same location in submission order', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const first = await kibo.call('POST', REFRESH, { json: { locationName: 'ord', items: items('O', 4000, () => 5) } });
    const second = await kibo.call('POST', REFRESH, { json: { locationName: 'ord', items: items('O', 4000, () => 9) } });
    expect(second.body.jobID).toBeGreaterThan(first.body.jobID);
    const [a, b] = [await waitForJob(kibo.call, first.body.jobID), await waitForJob(kibo.call, second.body.jobID)];
    expect(a.status).toBe('SUCCESS');
    expect(b.status).toBe('SUCCESS');
    expect(a.finished <= b.started).toBe(true);
    for (const sku of ['O-00000', 'O-03999']) expect((await levelBySku(admin, sku, 'ord')).figures.onHand).toBe(9);
    expect(await ledgerCount(admin)).toBe(8000);
  });

  it('adjusts on hand by deltas (up to 1,000 items)', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    await waitForJob(kibo.call, (await kibo.call('POST', REFRESH, { json: { locationName: 'adj', items: [{ sku: 'D1', quantity: 10 }] } })).body.jobID);
    const adjust = await kibo.call('POST', '/kibo/api/v5/inventory/adjust', {
      json: {
        locationName: 'adj',
        items: [
          { sku: 'D1', quantity: -3 },
          { sku: 'D1', quantity: '1' },
        ],
      },
    });
    const job = await waitForJob(kibo.call, adjust.body.jobID);
    expect(job).toMatchObject({ type: 'ADJUST', status: 'SUCCESS' });
    expect((await levelBySku(admin, 'D1', 'adj')).figures.onHand).toBe(8);
    const tooMany = await kibo.call('POST', '/kibo/inv/api/v5/inventory/adjust', { json: { locationName: 'adj', items: items('D', 1001) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]).toMatchObject({ field: 'items', message: expect.stringContaining('at most 1000') });
  });

  it('refuses bad requests in its own error shape, naming the field, and changes nothing', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const cases: [string, number, string][] = [
      ['{"locationName": ""}', 400, 'locationName'],
      ['{"items": []}', 400, 'locationName'],
      ['{"locationName": "x", "items": {}}', 400, 'items'],
      ['{"locationName": "x", "colour": 1}', 400, 'colour'],
      ['{"locationName": "x", "manufacturerID": "abc"}', 400, 'manufacturerID'],
      ['[]', 400, 'body'],
    ];
    for (const [raw, status, field] of cases) {
      const answer = await kibo.call('POST', REFRESH, { raw, headers: { 'content-type': 'application/json' } });
      expect(answer.status).toBe(status);
      expect(answer.body).toMatchObject({ status, error: 'Bad Request', errors: [expect.objectContaining({ field })] });
    }
    const malformed = await kibo.call('POST', REFRESH, { raw: '{"locationName": "1",', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ status: 400, error: 'Bad Request' });
    const notJson = await kibo.call('POST', REFRESH, { raw: 'locationName=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(notJson.status).toBe(415);
    expect(notJson.body).toMatchObject({ status: 415, error: 'Unsupported Media Type' });
    expect(await ledgerCount(admin)).toBe(0);
    expect((await admin('GET', '/api/v1/jobs/1')).status).toBe(404);
  });

  it('requires a bearer token of a Kibo connection and keeps jobs to their tenant', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const noToken = await client(target.baseUrl, null)('POST', REFRESH, { json: { locationName: '1', items: [] } });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toContain('Bearer');
    expect(noToken.body).toMatchObject({ status: 401, error: 'Unauthorized' });
    const apiKey = await client(target.baseUrl, target.adminKey)('POST', REFRESH, { json: { locationName: '1', items: [] } });
    expect(apiKey.status).toBe(401);
    const job = await kibo.call('POST', REFRESH, { json: { locationName: '1', items: [] } });
    await waitForJob(kibo.call, job.body.jobID);
    const other = await freshTenant(target);
    const stranger = await kiboClient(target.baseUrl, other.admin);
    expect((await stranger.call('GET', `/kibo/inv/api/v1/queue/${job.body.jobID}`)).status).toBe(404);
    expect((await other.admin('GET', `/api/v1/jobs/${job.body.jobID}`)).status).toBe(404);
    expect((await client(target.baseUrl, null)('GET', `/api/v1/jobs/${job.body.jobID}`)).status).toBe(401);
  });

  it('issues tokens for client credentials, form-encoded or JSON, and refuses bad ones as OAuth2 errors', async () => {
    const { admin } = await freshTenant(target);
    const kibo = await kiboClient(target.baseUrl, admin);
    const anonymous = client(target.baseUrl, null);
    const json = await anonymous('POST', '/kibo/oauthserver/oauth2/token', {
      json: { grant_type: 'client_credentials' },
      headers: { authorization: basic(kibo.credentialId, kibo.secret) },
    });
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const wrong = await anonymous('POST', '/kibo/oauthserver/oauth2/token', {
      raw: 'grant_type=client_credentials',
      headers: { authorization: basic(kibo.credentialId, 'wrong-secret'), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: 'invalid_client' });
    const grant = await anonymous('POST', '/kibo/oauthserver/oauth2/token', {
      raw: 'grant_type=password',
      headers: { authorization: basic(kibo.credentialId, kibo.secret), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(grant.status).toBe(400);
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type' });
  });
});
