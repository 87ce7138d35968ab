import type { ApplyBatchCommand, CanonicalLine } from '@tally/inventory-application';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';

function set(lineNo: number, sku: string, location: string, onHand: number, at: string | null = null): CanonicalLine {
  return { lineNo, item: { sku }, location: { code: location }, write: { kind: 'set', patch: { onHand } }, sourceTimestamp: at };
}

function command(lines: CanonicalLine[], extra: Partial<ApplyBatchCommand> = {}): ApplyBatchCommand {
  return { tenantId: T, connection: null, actor: 'key-1', reference: null, lines, unknownItemPolicy: 'create', createLocationsAs: 'warehouse', ...extra };
}

async function run(tally: InMemoryTally, cmd: ApplyBatchCommand) {
  const result = await tally.applyBatch.execute(cmd);
  if (result.kind !== 'executed') throw new Error('expected an execution');
  return result.report;
}

describe('ApplyStockBatch', () => {
  let tally: InMemoryTally;
  beforeEach(() => (tally = createInMemoryTally()));

  it('creates unknown items and locations per policy and writes one ledger entry per changed level', async () => {
    const report = await run(tally, command([set(1, 'A', 'WH1', 5), set(2, 'B', 'WH1', 7)]));
    expect(report.counts.applied).toBe(2);
    expect(report.createdItemIds).toHaveLength(2);
    expect(tally.store.tables(T).ledger).toHaveLength(2);
  });

  it('rejects unknown items under the reject policy, naming the identifier, and still applies the good lines', async () => {
    await run(tally, command([set(1, 'A', 'WH1', 5)]));
    const report = await run(tally, command([set(1, 'A', 'WH1', 6), set(2, 'NOPE', 'WH1', 1)], { unknownItemPolicy: 'reject' }));
    expect(report.lines.map((l) => l.status)).toEqual(['applied', 'rejected']);
    expect(report.lines[1].error).toMatchObject({ code: 'INVENTORY.UNKNOWN_ITEM', field: 'sku' });
    expect(tally.items.items).toHaveLength(1);
  });

  it('rejects unknown location codes when it may not create locations', async () => {
    const report = await run(tally, command([set(1, 'A', 'NOWHERE', 5)], { createLocationsAs: undefined }));
    expect(report.lines[0]).toMatchObject({ status: 'rejected', error: { code: 'INVENTORY.UNKNOWN_LOCATION' } });
  });

  it('creates nothing for a line it refuses: no location for an unknown item, no item for an unknown location', async () => {
    const unknownItem = await run(tally, command([set(1, 'NOPE', 'NEW-SOURCE', 1)], { unknownItemPolicy: 'reject' }));
    expect(unknownItem.lines[0]).toMatchObject({ status: 'rejected', error: { code: 'INVENTORY.UNKNOWN_ITEM' } });
    const unknownLocation = await run(tally, command([set(1, 'NEW-SKU', 'NOWHERE', 1)], { createLocationsAs: undefined }));
    expect(unknownLocation.lines[0]).toMatchObject({ status: 'rejected', error: { code: 'INVENTORY.UNKNOWN_LOCATION' } });
    expect(unknownLocation.createdItemIds).toEqual([]);
    expect(tally.items.items).toHaveLength(0);
    expect(tally.locations.locations).toHaveLength(0);
    // A good line beside a refused one still creates what it needs, and only that.
    await run(tally, command([set(1, 'A', 'WH1', 5)]));
    const mixed = await run(tally, command([set(1, 'NOPE', 'SRC-X', 1), set(2, 'A', 'SRC-Y', 2)], { unknownItemPolicy: 'reject' }));
    expect(mixed.lines.map((l) => l.status)).toEqual(['rejected', 'applied']);
    expect(tally.locations.locations.map((l) => l.code)).toEqual(['WH1', 'SRC-Y']);
    expect(tally.items.items).toHaveLength(1);
  });

  it('answers a compare-and-set mismatch as a conflict with the current value and changes nothing', async () => {
    await run(tally, command([set(1, 'A', 'WH1', 5)]));
    const cas: CanonicalLine = {
      lineNo: 1,
      item: { sku: 'A' },
      location: { code: 'WH1' },
      write: { kind: 'compare_and_set', figure: 'on_hand', expected: 4, value: 9 },
      sourceTimestamp: null,
    };
    const report = await run(tally, command([cas]));
    expect(report.lines[0]).toMatchObject({ status: 'conflict', current: 5 });
    expect(tally.store.tables(T).ledger).toHaveLength(1);
  });

  it('replays the original answer for a repeated idempotency key and refuses the key with another body', async () => {
    const adjust: CanonicalLine = {
      lineNo: 1,
      item: { sku: 'A' },
      location: { code: 'WH1' },
      write: { kind: 'adjust', delta: 2, figure: 'on_hand', allowNegative: false },
      sourceTimestamp: null,
    };
    const idempotency = { scope: 'adjust', key: 'k1', requestHash: 'h1', render: (r: { counts: unknown }) => ({ status: 200, body: r.counts }) };
    const first = await tally.applyBatch.execute(command([adjust], { idempotency }));
    const second = await tally.applyBatch.execute(command([adjust], { idempotency }));
    expect(first.kind).toBe('executed');
    expect(second).toMatchObject({ kind: 'replayed', status: 200 });
    expect(second.kind === 'replayed' && second.body).toEqual(first.kind === 'executed' && first.response?.body);
    await expect(tally.applyBatch.execute(command([adjust], { idempotency: { ...idempotency, requestHash: 'h2' } }))).rejects.toMatchObject({
      code: 'IDEMPOTENCY.KEY_REUSED',
    });
    const levels = await tally.readInventory.listLevels(T, {}, { limit: 10, cursor: null });
    expect(levels.items[0].figures.onHand).toBe(2);
  });

  it('loses no update when many adjustments run concurrently', async () => {
    await run(tally, command([set(1, 'A', 'WH1', 0)]));
    const adjust: CanonicalLine = {
      lineNo: 1,
      item: { sku: 'A' },
      location: { code: 'WH1' },
      write: { kind: 'adjust', delta: 1, figure: 'on_hand', allowNegative: false },
      sourceTimestamp: null,
    };
    await Promise.all(Array.from({ length: 40 }, () => run(tally, command([adjust]))));
    const levels = await tally.readInventory.listLevels(T, {}, { limit: 10, cursor: null });
    expect(levels.items[0].figures.onHand).toBe(40);
    expect(levels.items[0].version).toBe(41);
  });

  it('reports an older source time as stale without applying it, and treats one instant in two spellings as equal', async () => {
    await run(tally, command([set(1, 'A', 'WH1', 5, '2026-03-01T10:00:00+01:00')]));
    const stale = await run(tally, command([set(1, 'A', 'WH1', 9, '2026-03-01T08:59:59Z')]));
    expect(stale.lines[0]).toMatchObject({ status: 'stale', error: { code: 'INVENTORY.STALE_UPDATE' } });
    const same = await run(tally, command([set(1, 'A', 'WH1', 5, '2026-03-01T09:00:00.000Z')]));
    expect(same.lines[0].status).toBe('unchanged');
    expect(tally.store.tables(T).ledger).toHaveLength(1);
  });

  it('rejects a line whose source time is not a time, naming the field', async () => {
    const report = await run(tally, command([set(1, 'A', 'WH1', 5, 'yesterday')]));
    expect(report.lines[0]).toMatchObject({ status: 'rejected', error: { field: 'sourceTimestamp' } });
  });

  describe('refresh', () => {
    it('partial leaves unlisted items alone; full zeroes what the same connection reported before', async () => {
      const { connection } = await tally.manageConnections.create(T, { dialect: 'kibo', name: 'kibo' });
      const conn = tally.connections.connections.find((c) => c.id === connection.id)!;
      const refresh = (mode: 'partial' | 'full', lines: CanonicalLine[]) =>
        run(tally, command(lines, { connection: conn, refresh: { mode, location: { code: 'WH1' } } }));
      await refresh('partial', [set(1, 'A', 'WH1', 5), set(2, 'B', 'WH1', 6)]);
      await refresh('partial', [set(1, 'A', 'WH1', 4)]);
      let levels = await tally.readInventory.listLevels(T, {}, { limit: 10, cursor: null });
      expect(levels.items.map((l) => l.figures.onHand).sort()).toEqual([4, 6]);
      const report = await refresh('full', [set(1, 'A', 'WH1', 3)]);
      expect(report.lines.map((l) => l.status)).toEqual(['applied', 'applied']);
      levels = await tally.readInventory.listLevels(T, {}, { limit: 10, cursor: null });
      expect(levels.items.map((l) => l.figures.onHand).sort()).toEqual([0, 3]);
      expect(tally.store.tables(T).ledger.at(-1)?.cause).toBe('refresh_zeroed');
    });

    it('numbers the zeroing lines of a full refresh after every line of the document, rejected ones included', async () => {
      const { connection } = await tally.manageConnections.create(T, { dialect: 'kibo', name: 'kibo' });
      const conn = tally.connections.connections.find((c) => c.id === connection.id)!;
      const refresh = (lines: CanonicalLine[], unknownItemPolicy: 'create' | 'reject') =>
        run(tally, command(lines, { connection: conn, unknownItemPolicy, refresh: { mode: 'full', location: { code: 'WH1' } } }));
      await refresh([set(1, 'A', 'WH1', 5), set(2, 'B', 'WH1', 6)], 'create');
      // Line 2 names an unknown item: it is rejected, and B (not listed) is zeroed on a line of its own.
      const report = await refresh([set(1, 'A', 'WH1', 4), set(2, 'NOPE', 'WH1', 1)], 'reject');
      expect(report.lines.map((l) => [l.lineNo, l.status])).toEqual([
        [1, 'applied'],
        [2, 'rejected'],
        [3, 'applied'],
      ]);
      expect(report.lines[1].error).toMatchObject({ code: 'INVENTORY.UNKNOWN_ITEM' });
    });
  });
});
