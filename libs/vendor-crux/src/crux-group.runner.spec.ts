import type { CanonicalLine, Connection } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '@tally/testing';
import { CruxGroupRunner, type CruxCall, type CruxCallResult } from './crux-group.runner';
import { parseCruxUpdate } from './crux-inventory.parser';

const T = 'tenant-a';

/** The value, or a failed test when there is none. */
function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('expected a value');
  return value;
}
const UPC = '036000291452';

/** Items A and B exist (written through the canonical API at a warehouse); a Crux connection has a token. */
async function setUp(settings: Partial<Connection['settings']> = {}) {
  const tally = createInMemoryTally();
  const line = (lineNo: number, sku: string): CanonicalLine => ({
    lineNo,
    item: { sku },
    location: { code: 'WH' },
    write: { kind: 'set', patch: { onHand: 1 } },
    sourceTimestamp: null,
  });
  await tally.applyBatch.execute({
    tenantId: T,
    connection: null,
    actor: 'seed',
    reference: null,
    unknownItemPolicy: 'create',
    createLocationsAs: 'warehouse',
    lines: [line(1, 'A'), line(2, 'B')],
  });
  const crux = await tally.manageConnections.create(T, { dialect: 'crux', name: 'Crux supplier', settings });
  const issued = await tally.tokens.login('crux', crux.credentials.credentialId, crux.credentials.secret, 7200);
  const runner = new CruxGroupRunner(tally.applyBatch, tally.tokens);
  return { tally, runner, connection: present(tally.connections.connections.find((c) => c.id === crux.connection.id)), token: present(issued).token };
}

const call = (...bodies: unknown[]): CruxCall => bodies.map(parseCruxUpdate);

async function levelAt(tally: InMemoryTally, sku: string, locationCode: string) {
  const item = await tally.catalog.lookupItem(T, 'sku', sku);
  const location = tally.locations.locations.find((l) => l.code === locationCode);
  const page = await tally.readInventory.listLevels(T, { itemId: item.id }, { limit: 50, cursor: null });
  return page.items.find((l) => l.locationId === location?.id) ?? null;
}

/** Each call's result as the HTTP layer sends it: the per-element answers, or the call's refusal. */
const plain = (results: CruxCallResult[]): unknown[] => results.map((r) => (r.ok ? r.value : r.error));

describe('CruxGroupRunner', () => {
  it('answers every call of the group 401 for a token that is unknown, expired or of a revoked connection, and writes nothing', async () => {
    const s = await setUp();
    const calls = [call({ sku_id: 'A', quantity_in_stock: 5 }), call({ sku_id: 'B', quantity_in_stock: 6 }, { sku_id: 'A', quantity_in_stock: 7 })];
    const unknown = plain(await s.runner.run('not-a-token', calls));
    expect(unknown).toHaveLength(2);
    for (const result of unknown) expect(result).toMatchObject({ status: 401, code: 'CRUX.UNAUTHENTICATED', errors: [{ field: 'Authorization' }] });
    s.tally.clock.advance(7201_000);
    expect(plain(await s.runner.run(s.token, calls))).toEqual([expect.objectContaining({ status: 401 }), expect.objectContaining({ status: 401 })]);
    const fresh = await setUp();
    await fresh.tally.manageConnections.revoke(T, fresh.connection.id);
    expect(plain(await fresh.runner.run(fresh.token, calls))).toEqual([expect.objectContaining({ status: 401 }), expect.objectContaining({ status: 401 })]);
    expect(fresh.tally.store.tables(T).ledger).toHaveLength(2);
  });

  it('applies the updates of every call as one batch and splits the answers back per call, in order', async () => {
    const s = await setUp();
    const execute = jest.spyOn(s.tally.applyBatch, 'execute');
    const results = plain(
      await s.runner.run(s.token, [
        call({ sku_id: 'A', quantity_in_stock: 5, quantity_on_backorder: 2, restrictions: 'tmpunavail' }),
        call({ sku_id: 'B', quantity_in_stock: 6 }, { sku_id: 'A', quantity_in_stock: '3' }, { sku_id: 'NOPE', quantity_in_stock: 1 }),
      ]),
    );
    expect(execute).toHaveBeenCalledTimes(1);
    expect(results).toEqual([
      [null],
      [
        null,
        expect.objectContaining({ status: 400, code: 'CRUX.INVALID_FIELD', errors: [expect.objectContaining({ field: 'quantity_in_stock' })] }),
        expect.objectContaining({ status: 404, code: 'CRUX.SKU_NOT_FOUND', message: expect.stringContaining('sku_id NOPE') }),
      ],
    ]);
    const location = `crux-${s.connection.id}`;
    expect((await levelAt(s.tally, 'A', location))?.figures).toMatchObject({ onHand: 5, backorder: 2, restriction: 'temporarily_unavailable' });
    expect((await levelAt(s.tally, 'B', location))?.figures.onHand).toBe(6);
    expect(s.tally.locations.locations.find((l) => l.code === location)?.kind).toBe('supplier');
    const ledger = s.tally.store.tables(T).ledger.slice(2);
    expect(ledger.map((e) => e.actor)).toEqual([`crux:${s.connection.credentialId}`, `crux:${s.connection.credentialId}`]);
  });

  it('never creates an unknown SKU, even for a connection whose policy creates items', async () => {
    const s = await setUp({ unknownItemPolicy: 'create' });
    const [[problem]] = plain(await s.runner.run(s.token, [call({ upca: UPC, quantity_in_stock: 1 })])) as unknown[][];
    expect(problem).toMatchObject({ status: 404, code: 'CRUX.SKU_NOT_FOUND', errors: [{ field: 'upca' }] });
    expect(s.tally.items.items).toHaveLength(2);
    expect(s.tally.locations.locations.map((l) => l.code)).toEqual(['WH']);
  });

  it('writes at the connection’s default location when it has one', async () => {
    const s = await setUp({ defaultLocationCode: 'SUPPLIER-1' });
    expect(plain(await s.runner.run(s.token, [call({ sku_id: 'A', quantity_in_stock: 9 })]))).toEqual([[null]]);
    expect((await levelAt(s.tally, 'A', 'SUPPLIER-1'))?.figures.onHand).toBe(9);
  });

  it('runs no batch when no element of the group is valid', async () => {
    const s = await setUp();
    const execute = jest.spyOn(s.tally.applyBatch, 'execute');
    const results = plain(await s.runner.run(s.token, [call({ price: 1 }), call({ quantity_in_stock: 1 })]));
    expect(results).toEqual([
      [expect.objectContaining({ status: 403, code: 'CRUX.FIELD_NOT_PERMITTED' })],
      [expect.objectContaining({ status: 400, code: 'CRUX.MISSING_FIELD' })],
    ]);
    expect(execute).not.toHaveBeenCalled();
  });

  it('attaches a barcode to the item its sku_id names, and refuses a sku_id and a barcode of two different items', async () => {
    const s = await setUp();
    expect(plain(await s.runner.run(s.token, [call({ sku_id: 'A', upca: UPC, quantity_in_stock: 4 })]))).toEqual([[null]]);
    expect((await s.tally.catalog.lookupItem(T, 'gtin', UPC)).sku).toBe('A');
    const [[conflict]] = plain(await s.runner.run(s.token, [call({ sku_id: 'B', upca: UPC, quantity_in_stock: 8 })])) as unknown[][];
    expect(conflict).toMatchObject({ status: 422, code: 'CRUX.IDENTIFIERS_DISAGREE' });
    expect(await levelAt(s.tally, 'B', `crux-${s.connection.id}`)).toBeNull();
    const [a, b] = await Promise.all(['A', 'B'].map((sku) => s.tally.catalog.lookupItem(T, 'sku', sku)));
    expect(s.tally.identity.all).toEqual([expect.objectContaining({ status: 'open', itemIds: [a.id, b.id].sort() })]);
  });

  it('answers 202 for an update kept as this connection’s observation at a place that follows another connection', async () => {
    const s = await setUp({ defaultLocationCode: 'SHARED' });
    const first = await s.tally.manageConnections.create(T, { dialect: 'crux', name: 'first supplier', settings: { defaultLocationCode: 'SHARED' } });
    const firstToken = await s.tally.tokens.login('crux', first.credentials.credentialId, first.credentials.secret, 7200);
    expect(plain(await s.runner.run(present(firstToken).token, [call({ sku_id: 'A', quantity_in_stock: 10 })]))).toEqual([[null]]);
    const [[observed]] = plain(await s.runner.run(s.token, [call({ sku_id: 'A', quantity_in_stock: 3 })])) as unknown[][];
    expect(observed).toMatchObject({ status: 202, code: 'INVENTORY.OBSERVED_NOT_APPLIED', errors: [], message: expect.stringContaining(first.connection.id) });
    expect((observed as { message: string }).message).toMatch(/^accepted, not applied/);
    expect((await levelAt(s.tally, 'A', 'SHARED'))?.figures.onHand).toBe(10);
  });
});
