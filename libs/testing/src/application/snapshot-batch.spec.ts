import type { ApplyBatchCommand, CanonicalLine, Connection, LocationKind } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';

function avail(lineNo: number, sku: string, location: string, available: number, kind: LocationKind = 'facility'): CanonicalLine {
  return {
    lineNo,
    item: { sku },
    location: { code: location },
    write: { kind: 'set', patch: { availableReported: available } },
    sourceTimestamp: null,
    createLocationAs: kind,
  };
}

describe('ApplyStockBatch with snapshot', () => {
  let tally: InMemoryTally;
  let conn: Connection;
  const command = (lines: CanonicalLine[], extra: Partial<ApplyBatchCommand> = {}): ApplyBatchCommand => ({
    tenantId: T,
    connection: conn,
    actor: 'retailops',
    reference: null,
    lines,
    unknownItemPolicy: 'create',
    snapshot: true,
    ...extra,
  });
  const run = async (cmd: ApplyBatchCommand) => {
    const result = await tally.applyBatch.execute(cmd);
    if (result.kind !== 'executed') throw new Error('expected an execution');
    return result.report;
  };
  const figures = (sku: string) => {
    const item = tally.items.items.find((i) => i.sku === sku);
    const t = tally.store.tables(T);
    return Object.fromEntries(
      [...t.levels.values()]
        .filter((l) => l.itemId === item?.id && l.present)
        .map((l) => [tally.locations.locations.find((x) => x.id === l.locationId)?.code, l.figures.availableReported]),
    );
  };

  beforeEach(async () => {
    tally = createInMemoryTally();
    const { connection } = await tally.manageConnections.create(T, { dialect: 'retailops', name: 'ro' });
    conn = tally.connections.connections.find((c) => c.id === connection.id)!;
  });

  it("creates each line's location as the kind the line names, in one batch", async () => {
    await run(command([avail(1, 'A', 'CH', 1, 'inventory_source'), avail(2, 'A', 'FA', 2, 'facility'), avail(3, 'A', 'VA', 3, 'vendor')]));
    expect(tally.locations.locations.map((l) => [l.code, l.kind]).sort()).toEqual([
      ['CH', 'inventory_source'],
      ['FA', 'facility'],
      ['VA', 'vendor'],
    ]);
  });

  it('zeroes, in the same batch, the places of the items named that the connection reported before and no line names', async () => {
    await run(command([avail(1, 'A', 'FA', 6), avail(2, 'B', 'FA', 2)]));
    const report = await run(command([avail(1, 'A', 'FB', 6)]));
    expect(report.lines.map((l) => [l.lineNo, l.status])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
    ]);
    expect(figures('A')).toEqual({ FA: 0, FB: 6 });
    // B is not in the second batch: its places are left alone.
    expect(figures('B')).toEqual({ FA: 2 });
    const causes = tally.store.tables(T).ledger.map((e) => e.cause);
    expect(causes.slice(-2).sort()).toEqual(['set', 'snapshot_zeroed']);
  });

  it('writes no ledger entry for a repeated snapshot', async () => {
    await run(command([avail(1, 'A', 'FA', 6)]));
    await run(command([avail(1, 'A', 'FB', 6)]));
    const before = tally.store.tables(T).ledger.length;
    await run(command([avail(1, 'A', 'FB', 6)]));
    expect(tally.store.tables(T).ledger).toHaveLength(before);
  });

  it('never zeroes what another connection reported, nor without the option', async () => {
    await run(command([avail(1, 'A', 'FA', 6)]));
    const { connection } = await tally.manageConnections.create(T, { dialect: 'retailops', name: 'other' });
    const other = tally.connections.connections.find((c) => c.id === connection.id)!;
    await run(command([avail(1, 'A', 'FB', 1)], { connection: other }));
    expect(figures('A')).toEqual({ FA: 6, FB: 1 });
    await run(command([avail(1, 'A', 'FC', 1)], { snapshot: false }));
    expect(figures('A')).toEqual({ FA: 6, FB: 1, FC: 1 });
  });

  it('checkOnly: refuses a reused key and replays a stored answer, but stores nothing itself', async () => {
    const idem = (requestHash: string, checkOnly: boolean) => ({
      scope: 's',
      key: 'k',
      requestHash,
      checkOnly,
      render: () => ({ status: 200, body: requestHash }),
    });
    await run(command([avail(1, 'A', 'FA', 1)], { idempotency: idem('h1', true) }));
    expect(tally.store.tables(T).idempotency.size).toBe(0);
    await run(command([avail(1, 'A', 'FA', 1)], { idempotency: idem('h1', false) }));
    expect(await tally.applyBatch.execute(command([avail(1, 'A', 'FA', 2)], { idempotency: idem('h1', true) }))).toMatchObject({
      kind: 'replayed',
      body: 'h1',
    });
    await expect(tally.applyBatch.execute(command([avail(1, 'A', 'FA', 2)], { idempotency: idem('h2', true) }))).rejects.toMatchObject({
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
    expect(figures('A')).toEqual({ FA: 1 });
  });
});
