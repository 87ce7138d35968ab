import { targets } from '../support/e2e-targets.state';
import { Fleet } from '../support/server-fleet';
import { documentedPush, ledgerCount, ORDERS, PUSH_V1, retailopsTenant, sdkAnswerErrors, sdkPush, sellableOf, stockSnapshot } from './retailops.e2e-helper';

const ONE_MB = 1024 * 1024;

/** `count` SKUs, each at one facility. */
const manySkus = (count: number, facility: string, quantity: (n: number) => number): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, n) => ({
    sku: `BIG-${String(n).padStart(6, '0')}`,
    quantity_available: quantity(n),
    quantity_detail: [{ quantity_type: 'internal', facility_name: facility, available_quantity: quantity(n) }],
  }));

describe.each(targets())('RetailOPS Idempotency-Key and large pushes on %s (ADR 0031)', (_kind, target) => {
  it('answers a retry with the same key and body from the stored answer, writing nothing', async () => {
    const ro = await retailopsTenant(target);
    const body = sdkPush(ro.token, [
      { sku: 'IDEM-1', quantity_available: 4, quantity_detail: [{ quantity_type: 'external', vendor_name: 'V', available_quantity: 3 }] },
      { sku: 'IDEM-2', quantity_available: 1.5 },
    ]);
    const headers = { 'idempotency-key': 'push-0001' };
    const first = await ro.push(PUSH_V1, body, { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(first.body.events.map((e: { code: string }) => e.code)).toEqual(['RETAILOPS.INVALID_FIELD', 'RETAILOPS.BREAKDOWN_MISMATCH']);
    const entries = await ledgerCount(ro.admin);
    const before = await stockSnapshot(ro.admin);
    const again = await ro.push(PUSH_V1, body, { headers });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await ledgerCount(ro.admin)).toBe(entries);
    expect(await stockSnapshot(ro.admin)).toEqual(before);
  });

  it("refuses the same key with another body with 422 in the request's shape, changing nothing", async () => {
    const ro = await retailopsTenant(target);
    const headers = { 'idempotency-key': 'push-0002' };
    await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'IDEM-3', quantity_available: 4 }]), { headers });
    const before = await stockSnapshot(ro.admin);
    const reused = await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'IDEM-3', quantity_available: 9 }]), { headers });
    expect(reused.status).toBe(422);
    expect(sdkAnswerErrors(reused.body)).toEqual([]);
    expect(reused.body.events).toEqual([
      {
        event_type: 'error',
        code: 'IDEMPOTENCY.KEY_REUSED',
        message: expect.stringContaining('push-0002'),
        diagnostic_data: 'Idempotency-Key',
        associations: [],
      },
    ]);
    const documented = await ro.push(ORDERS, documentedPush(ro.token, 'IDEM-3', 1, {}), { headers });
    expect(documented.status).toBe(422);
    expect(documented.body.events).toEqual([
      expect.objectContaining({ status: 'error', error_code: 'IDEMPOTENCY.KEY_REUSED', diagnostic_data: ['Idempotency-Key'] }),
    ]);
    expect(await stockSnapshot(ro.admin)).toEqual(before);
    expect(await sellableOf(ro.admin, 'IDEM-3')).toBe(4);
    // Without the key, the same push simply applies: absolute values need no key.
    expect((await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'IDEM-3', quantity_available: 9 }]))).status).toBe(200);
    expect(await sellableOf(ro.admin, 'IDEM-3')).toBe(9);
  });

  it('refuses a malformed key with 400 naming the header, changing nothing', async () => {
    const ro = await retailopsTenant(target);
    const answer = await ro.push(PUSH_V1, sdkPush(ro.token, [{ sku: 'IDEM-4', quantity_available: 1 }]), { headers: { 'idempotency-key': 'k'.repeat(256) } });
    expect(answer.status).toBe(400);
    expect(answer.body.events[0]).toMatchObject({ event_type: 'error', code: 'RETAILOPS.INVALID_FIELD', diagnostic_data: 'Idempotency-Key' });
    expect(await ledgerCount(ro.admin)).toBe(0);
  });

  it('takes a push of 12,000 SKUs (over 1 MB, several transactions), zeroes per SKU across them, and answers its key once', async () => {
    const ro = await retailopsTenant(target);
    const first = JSON.stringify(
      sdkPush(
        ro.token,
        manySkus(12_000, 'FA', (n) => (n % 5) + 1),
      ),
    );
    expect(first.length).toBeGreaterThan(ONE_MB);
    const answer = await ro.push(PUSH_V1, undefined, { raw: first, headers: { 'content-type': 'application/json' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ events: [] });
    expect(await sellableOf(ro.admin, 'BIG-011999')).toBe(5);

    // Every SKU moves from FA to FB: each FA level is zeroed, whichever transaction its SKU falls in.
    const second = JSON.stringify(
      sdkPush(
        ro.token,
        manySkus(12_000, 'FB', () => 7),
      ),
    );
    const headers = { 'content-type': 'application/json', 'idempotency-key': 'big-push' };
    const moved = await ro.push(PUSH_V1, undefined, { raw: second, headers });
    expect(moved.body).toEqual({ events: [] });
    for (const sku of ['BIG-000000', 'BIG-005999', 'BIG-011999']) expect(await sellableOf(ro.admin, sku)).toBe(7);
    expect(await ledgerCount(ro.admin, 'snapshot_zeroed')).toBe(12_000);

    const since = new Date().toISOString();
    const replayed = await ro.push(PUSH_V1, undefined, { raw: second, headers });
    expect(replayed.headers.get('idempotency-replayed')).toBe('true');
    expect(replayed.body).toEqual({ events: [] });
    const retried = await ro.push(PUSH_V1, undefined, { raw: second, headers: { 'content-type': 'application/json' } });
    expect(retried.body).toEqual({ events: [] });
    expect((await ro.admin('GET', `/api/v1/ledger?from=${encodeURIComponent(since)}&limit=1`)).body.items).toEqual([]);
  }, 600_000);
});

describe('RetailOPS push body limit (its own setting; other routes keep BODY_LIMIT)', () => {
  const fleet = new Fleet();
  afterAll(() => fleet.release());

  it('refuses a push over RETAILOPS_PUSH_BODY_LIMIT with 413 in the event shape', async () => {
    const server = await fleet.server(await fleet.database('sqlite'), { RETAILOPS_PUSH_BODY_LIMIT: '2mb' });
    const ro = await retailopsTenant(fleet.target(server, 'sqlite'));
    const body = JSON.stringify(
      sdkPush(
        ro.token,
        manySkus(30_000, 'FA', () => 1),
      ),
    );
    expect(body.length).toBeGreaterThan(2 * ONE_MB);
    const refused = await ro.push(PUSH_V1, undefined, { raw: body, headers: { 'content-type': 'application/json' } });
    expect(refused.status).toBe(413);
    expect(sdkAnswerErrors(refused.body)).toEqual([]);
    expect(refused.body.events[0]).toMatchObject({ event_type: 'error', diagnostic_data: 'body' });
    expect(await ledgerCount(ro.admin)).toBe(0);
  }, 120_000);
});
