import type { CanonicalLine, Connection } from '@tally/inventory-application';
import { levelKeyString } from '@tally/inventory-domain';
import { createInMemoryTally, type InMemoryTally } from '../fakes/in-memory-tally.fake';

const T = 'tenant-a';
const line = (onHand: number, at: string): CanonicalLine => ({
  lineNo: 1,
  item: { sku: 'A' },
  location: { code: 'WH1' },
  write: { kind: 'set', patch: { onHand } },
  sourceTimestamp: at,
});

async function connect(tally: InMemoryTally, name: string, priority = 0): Promise<Connection> {
  const { connection } = await tally.manageConnections.create(T, { dialect: 'canonical', name, settings: { priority } });
  return tally.connections.connections.find((c) => c.id === connection.id)!;
}

async function report(tally: InMemoryTally, connection: Connection, onHand: number, at: string) {
  await tally.applyBatch.execute({ tenantId: T, connection, actor: connection.id, reference: null, lines: [line(onHand, at)], createLocationsAs: 'warehouse' });
}

const page = { limit: 50, cursor: null };

describe('discrepancies', () => {
  it('opens when two connections disagree, and the operator choice lands in the ledger', async () => {
    const tally = createInMemoryTally();
    const [a, b] = [await connect(tally, 'a'), await connect(tally, 'b')];
    await report(tally, a, 5, '2026-01-01T00:00:00Z');
    await report(tally, b, 8, '2026-01-01T00:01:00Z');
    const open = await tally.discrepancies.list(T, 'open', page);
    expect(open.items).toHaveLength(1);
    expect(open.items[0].claims.map((c) => c.quantity).sort()).toEqual([5, 8]);
    const levels = await tally.readInventory.listLevels(T, {}, page);
    expect(levels.items[0].figures.onHand).toBe(5);

    const resolved = await tally.discrepancies.resolve(T, open.items[0].id, { connectionId: b.id }, 'operator-1');
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { kind: 'chose_source', connectionId: b.id, quantity: 8, actor: 'operator-1' } });
    const entries = await tally.ledger.list(T, { cause: 'discrepancy_resolved' }, page);
    expect(entries.items).toHaveLength(1);
    expect(entries.items[0].after.figures.onHand).toBe(8);
    await expect(tally.discrepancies.resolve(T, open.items[0].id, { quantity: 1 }, 'operator-1')).rejects.toMatchObject({ code: 'DISCREPANCY.NOT_OPEN' });
  });

  it('closes by itself when the sources agree again', async () => {
    const tally = createInMemoryTally();
    const [a, b] = [await connect(tally, 'a'), await connect(tally, 'b')];
    await report(tally, a, 5, '2026-01-01T00:00:00Z');
    await report(tally, b, 8, '2026-01-01T00:01:00Z');
    await report(tally, b, 5, '2026-01-01T00:02:00Z');
    expect((await tally.discrepancies.list(T, 'open', page)).items).toHaveLength(0);
    expect((await tally.discrepancies.list(T, 'resolved', page)).items[0].resolution).toEqual({ kind: 'agreed' });
  });

  it('follows the higher-priority connection under the priority policy', async () => {
    const tally = createInMemoryTally();
    const [low, high] = [await connect(tally, 'low', 1), await connect(tally, 'high', 9)];
    await report(tally, low, 5, '2026-01-01T00:00:00Z');
    const location = tally.locations.locations[0];
    await tally.sources.setLocationPolicy(T, location.id, { policy: 'priority', sourceConnectionId: null, priorityConnectionIds: [] }, 'op');
    await report(tally, high, 2, '2026-01-01T00:01:00Z');
    await report(tally, low, 7, '2026-01-01T00:02:00Z');
    const levels = await tally.readInventory.listLevels(T, {}, page);
    expect(levels.items[0].figures.onHand).toBe(2);
  });
});

describe('several sources at one place', () => {
  const at = (minute: number) => `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`;

  it('says observed, never applied, for a report the level does not follow, and shows it as a discrepancy', async () => {
    const tally = createInMemoryTally();
    const [a, b] = [await connect(tally, 'a'), await connect(tally, 'b')];
    await report(tally, a, 5, at(0));
    const other = await tally.applyBatch.execute({
      tenantId: T,
      connection: b,
      actor: b.id,
      reference: null,
      lines: [line(8, at(1))],
      createLocationsAs: 'warehouse',
    });
    expect(other.kind === 'executed' && other.report.lines[0]).toMatchObject({ status: 'observed', warnings: [{ code: 'INVENTORY.OBSERVED_NOT_APPLIED' }] });
    expect(other.kind === 'executed' && other.report.counts.observed).toBe(1);
    expect((await tally.readInventory.listLevels(T, {}, page)).items[0].figures.onHand).toBe(5);
    expect((await tally.discrepancies.list(T, 'open', page)).items).toHaveLength(1);
  });

  it('opens a discrepancy for an item only a non-source connection reports (no level at all)', async () => {
    const tally = createInMemoryTally();
    const [a, b] = [await connect(tally, 'a'), await connect(tally, 'b')];
    await report(tally, a, 5, at(0));
    const onlyB: CanonicalLine = { ...line(3, at(1)), item: { sku: 'ONLY-B' } };
    await tally.applyBatch.execute({
      tenantId: T,
      connection: b,
      actor: b.id,
      reference: null,
      lines: [onlyB],
      createLocationsAs: 'warehouse',
      unknownItemPolicy: 'create',
    });
    const open = await tally.discrepancies.list(T, 'open', page);
    expect(open.items).toHaveLength(1);
    expect(open.items[0].claims).toEqual([expect.objectContaining({ connectionId: b.id, quantity: 3 })]);
  });

  it('hands a revoked source over in one call: the new source’s observations apply and the ledger says why', async () => {
    const tally = createInMemoryTally();
    const [a, b] = [await connect(tally, 'a'), await connect(tally, 'b')];
    await report(tally, a, 5, at(0));
    await report(tally, b, 9, at(1));
    await tally.manageConnections.revoke(T, a.id);
    const switched = await tally.sources.handOver(T, a.id, b.id, 'op');
    expect(switched).toEqual({ locations: 1, levelsChanged: 1, levelsKept: 0 });
    expect((await tally.readInventory.listLevels(T, {}, page)).items[0].figures.onHand).toBe(9);
    expect((await tally.ledger.list(T, { cause: 'source_switched' }, page)).items).toHaveLength(1);
    expect(tally.locations.locations[0].sourceConnectionId).toBe(b.id);
    // The revoked connection's last report no longer claims anything: the discrepancy closes.
    expect((await tally.discrepancies.list(T, 'open', page)).items).toHaveLength(0);
    expect((await tally.verify.verify(T, { repair: false, actor: 'op' })).drifts).toEqual([]);
  });

  it('lets the next reporter take over a location whose source was revoked', async () => {
    const tally = createInMemoryTally();
    const [a, b] = [await connect(tally, 'a'), await connect(tally, 'b')];
    await report(tally, a, 5, at(0));
    await tally.manageConnections.revoke(T, a.id);
    const bActive = tally.connections.connections.find((c) => c.id === b.id)!;
    await report(tally, bActive, 2, at(1));
    expect((await tally.readInventory.listLevels(T, {}, page)).items[0].figures.onHand).toBe(2);
  });

  it('follows a location’s own priority order, ahead of the connections’ priority settings', async () => {
    const tally = createInMemoryTally();
    const [low, high] = [await connect(tally, 'low', 1), await connect(tally, 'high', 9)];
    await report(tally, low, 5, at(0));
    await report(tally, high, 2, at(1));
    const location = tally.locations.locations[0];
    const set = await tally.sources.setLocationPolicy(T, location.id, { policy: 'priority', sourceConnectionId: null, priorityConnectionIds: [low.id] }, 'op');
    expect(set.report.levelsChanged).toBe(0);
    await tally.sources.setLocationPolicy(T, location.id, { policy: 'latest', sourceConnectionId: null, priorityConnectionIds: [] }, 'op');
    expect((await tally.readInventory.listLevels(T, {}, page)).items[0].figures.onHand).toBe(2);
    await tally.sources.setLocationPolicy(T, location.id, { policy: 'priority', sourceConnectionId: null, priorityConnectionIds: [low.id, high.id] }, 'op');
    expect((await tally.readInventory.listLevels(T, {}, page)).items[0].figures.onHand).toBe(5);
    expect((await tally.verify.verify(T, { repair: false, actor: 'op' })).drifts).toEqual([]);
  });
});

describe('verify', () => {
  it('finds no drift on a consistent store, finds tampering, and repairs it from the ledger', async () => {
    const tally = createInMemoryTally();
    const a = await connect(tally, 'a');
    await report(tally, a, 5, '2026-01-01T00:00:00Z');
    expect((await tally.verify.verify(T, { repair: false, actor: 'op' })).drifts).toEqual([]);

    const tables = tally.store.tables(T);
    const [key, level] = [...tables.levels.entries()][0];
    tables.levels.set(key, { ...level, figures: { ...level.figures, onHand: 99 } });
    const found = await tally.verify.verify(T, { repair: true, actor: 'op' });
    expect(found.drifts).toMatchObject([{ kind: 'content' }]);
    expect(found.repaired).toBe(1);
    const repairedLevel = tally.store.tables(T).levels.get(levelKeyString(level))!;
    expect(repairedLevel.figures.onHand).toBe(5);
    expect((await tally.verify.verify(T, { repair: false, actor: 'op' })).drifts).toEqual([]);
  });
});
