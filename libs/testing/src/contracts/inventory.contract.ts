import { randomUUID } from 'node:crypto';
import { reconcileBatch, type Discrepancy, type IdempotencyRecord, type StockLine, type WriteContext } from '@tally/inventory-domain';
import { ConcurrentWriteError, type InventoryWriteTransaction } from '@tally/inventory-application';
import { at, seedTenant, useSubject, type OpenPersistenceSubject, type PersistenceSubject } from './persistence-subject';

const setLine = (lineNo: number, itemId: string, locationId: string, onHand: number): StockLine => ({
  lineNo,
  itemId,
  locationId,
  write: { kind: 'set', patch: { onHand } },
  sourceTimestamp: null,
});

const contextAt = (recordedAt: string, connectionId: string | null = null): WriteContext => ({
  connectionId,
  actor: connectionId ? `connection:${connectionId}` : 'api-key:contract',
  reference: null,
  recordedAt,
});

/** The application's write path: load the state, reconcile in the domain, save the outcome. */
function apply(s: PersistenceSubject, tenantId: string, lines: StockLine[], context: WriteContext) {
  return s.store.inWriteTransaction(tenantId, async (tx) => {
    const outcome = reconcileBatch(await tx.loadBatchState(lines), lines, context, randomUUID);
    await tx.saveOutcome(outcome, context);
    return outcome;
  });
}

const idempotencyRecord = (key: string, createdAt: string, expiresAt: string): IdempotencyRecord => ({
  scope: 'POST /contract',
  key,
  requestHash: 'hash',
  status: 201,
  body: { answer: [1, 'two', null] },
  createdAt,
  expiresAt,
});

/** What every InventoryStore and InventoryReader pair promises: what one writes, the other reads. */
export function describeInventoryStoreContract(name: string, open: OpenPersistenceSubject): void {
  describe(`InventoryStore and InventoryReader contract (${name})`, () => {
    const subject = useSubject(open);

    it('reads back the levels, observations and ledger a write transaction saved', async () => {
      const s = subject();
      const { tenantId, items, locations, connections } = await seedTenant(s, { items: 2, locations: 1, connections: 1 });
      const [a, b] = items.map((i) => i.id);
      const place = locations[0].id;
      await apply(s, tenantId, [setLine(0, a, place, 5), setLine(1, b, place, 7)], contextAt(at(1), connections[0].id));
      await apply(s, tenantId, [setLine(0, a, place, 4)], contextAt(at(2), connections[0].id));

      const levels = await s.reader.levelsOfItems(tenantId, [a, b]);
      expect(levels.map((l) => [l.itemId, l.figures.onHand, l.version]).sort()).toEqual(
        [
          [a, 4, 2],
          [b, 7, 1],
        ].sort(),
      );
      const listed = await s.reader.listLevels(tenantId, { itemId: a }, { limit: 10, cursor: null });
      expect(listed.items).toEqual(levels.filter((l) => l.itemId === a));
      expect((await s.reader.observationsOfItem(tenantId, a)).map((o) => [o.connectionId, o.present])).toEqual([[connections[0].id, true]]);

      const ledger = await s.reader.listLedger(tenantId, { itemId: a }, { limit: 1, cursor: null });
      expect(ledger.items.map((e) => [e.versionAfter, e.recordedAt])).toEqual([[2, at(2)]]);
      const older = await s.reader.listLedger(tenantId, { itemId: a }, { limit: 1, cursor: ledger.nextCursor });
      expect(older.items.map((e) => [e.versionAfter, e.connectionId])).toEqual([[1, connections[0].id]]);
      expect(older.nextCursor).toBeNull();
      expect((await s.reader.listLedger(tenantId, { from: at(2) }, { limit: 10, cursor: null })).items).toHaveLength(1);
      expect((await s.reader.listLedger((await seedTenant(s)).tenantId, {}, { limit: 10, cursor: null })).items).toEqual([]);
    });

    it('commits nothing of a transaction whose work throws', async () => {
      const s = subject();
      const { tenantId, items, locations } = await seedTenant(s, { items: 1, locations: 1 });
      const lines = [setLine(0, items[0].id, locations[0].id, 9)];
      await expect(
        s.store.inWriteTransaction(tenantId, async (tx) => {
          const outcome = reconcileBatch(await tx.loadBatchState(lines), lines, contextAt(at(1)), randomUUID);
          await tx.saveOutcome(outcome, contextAt(at(1)));
          await tx.saveIdempotency(idempotencyRecord('rolled-back', at(1), at(100)));
          throw new Error('work failed');
        }),
      ).rejects.toThrow('work failed');
      expect(await s.reader.levelsOfItems(tenantId, [items[0].id])).toEqual([]);
      expect((await s.reader.listLedger(tenantId, {}, { limit: 10, cursor: null })).items).toEqual([]);
      expect(await s.store.inWriteTransaction(tenantId, (tx) => tx.findIdempotency('POST /contract', 'rolled-back'))).toBeNull();
    });

    it('undoes only the isolated work that failed, answers its error, and commits the rest of the transaction', async () => {
      const s = subject();
      const { tenantId, items, locations } = await seedTenant(s, { items: 3, locations: 1 });
      const [a, b, c] = items.map((i) => i.id);
      const place = locations[0].id;
      const write = async (tx: InventoryWriteTransaction, itemId: string, onHand: number, recordedAt: string) => {
        const lines = [setLine(0, itemId, place, onHand)];
        const outcome = reconcileBatch(await tx.loadBatchState(lines), lines, contextAt(recordedAt), randomUUID);
        await tx.saveOutcome(outcome, contextAt(recordedAt));
      };
      const answers = await s.store.inWriteTransaction(tenantId, async (tx) => [
        await tx.isolated(() => write(tx, a, 1, at(1))),
        await tx.isolated(async () => {
          await write(tx, b, 2, at(2));
          await write(tx, a, 7, at(2));
          await tx.saveIdempotency(idempotencyRecord('undone', at(2), at(100)));
          throw new Error('this command failed');
        }),
        // Sees what the earlier isolated work kept, and nothing of what was undone.
        await tx.isolated(async () => (await tx.loadBatchState([{ itemId: a, locationId: place }])).levels.size),
        await tx.isolated(() => write(tx, c, 3, at(3))),
        await tx.isolated(() => write(tx, a, 4, at(4))),
      ]);
      expect(answers.map((r) => r.ok)).toEqual([true, false, true, true, true]);
      expect(answers[1]).toMatchObject({ ok: false, error: { message: 'this command failed' } });
      expect(answers[2]).toEqual({ ok: true, value: 1 });
      const levels = await s.reader.levelsOfItems(tenantId, [a, b, c]);
      expect(levels.map((l) => [l.itemId, l.figures.onHand, l.version]).sort()).toEqual(
        [
          [a, 4, 2],
          [c, 3, 1],
        ].sort(),
      );
      expect((await s.reader.listLedger(tenantId, {}, { limit: 10, cursor: null })).items).toHaveLength(3);
      expect(await s.store.inWriteTransaction(tenantId, (tx) => tx.findIdempotency('POST /contract', 'undone'))).toBeNull();
    });

    it('throws a lost race out of isolated work, so the whole transaction runs again', async () => {
      const s = subject();
      const { tenantId, items, locations } = await seedTenant(s, { items: 1, locations: 1 });
      const lines = [setLine(0, items[0].id, locations[0].id, 5)];
      let attempts = 0;
      await s.store.inWriteTransaction(tenantId, async (tx) => {
        attempts += 1;
        const outcome = reconcileBatch(await tx.loadBatchState(lines), lines, contextAt(at(1)), randomUUID);
        await tx.saveOutcome(outcome, contextAt(at(1)));
        const raced = await tx.isolated(async () => {
          if (attempts === 1) throw new ConcurrentWriteError('lost a race');
        });
        expect(raced.ok).toBe(true);
      });
      expect(attempts).toBe(2);
      expect((await s.reader.listLedger(tenantId, {}, { limit: 10, cursor: null })).items).toHaveLength(1);
    });

    it('stores an idempotent answer once per tenant, scope and key, and deletes it once expired', async () => {
      const s = subject();
      const one = await seedTenant(s);
      const other = await seedTenant(s);
      const key = randomUUID();
      const record = idempotencyRecord(key, at(1), at(60));
      await s.store.inWriteTransaction(one.tenantId, (tx) => tx.saveIdempotency(record));
      expect(await s.store.inWriteTransaction(one.tenantId, (tx) => tx.findIdempotency(record.scope, key))).toEqual(record);
      expect(await s.store.inWriteTransaction(one.tenantId, (tx) => tx.findIdempotency('POST /elsewhere', key))).toBeNull();
      expect(await s.store.inWriteTransaction(other.tenantId, (tx) => tx.findIdempotency(record.scope, key))).toBeNull();
      await expect(s.store.inWriteTransaction(one.tenantId, (tx) => tx.saveIdempotency({ ...record, status: 500 }))).rejects.toThrow();
      expect(await s.store.inWriteTransaction(one.tenantId, (tx) => tx.findIdempotency(record.scope, key))).toEqual(record);
      // Expired at or before now; other suites' records may be swept too, so only this one is checked.
      await s.store.deleteExpiredIdempotency(at(59), 1000);
      expect(await s.store.inWriteTransaction(one.tenantId, (tx) => tx.findIdempotency(record.scope, key))).toEqual(record);
      expect(await s.store.deleteExpiredIdempotency(at(60), 1000)).toBeGreaterThanOrEqual(1);
      expect(await s.store.inWriteTransaction(one.tenantId, (tx) => tx.findIdempotency(record.scope, key))).toBeNull();
    });

    it('stores discrepancies, locks one by id, and lists them newest first', async () => {
      const s = subject();
      const { tenantId, items, locations, connections } = await seedTenant(s, { items: 2, locations: 1, connections: 2 });
      const discrepancy = (itemId: string, openedAt: string): Discrepancy => ({
        id: randomUUID(),
        itemId,
        locationId: locations[0].id,
        status: 'open',
        claims: connections.map((c, i) => ({ connectionId: c.id, quantity: i + 1, sourceTimestamp: null })),
        openedAt,
        resolvedAt: null,
        resolution: null,
      });
      const older = discrepancy(items[0].id, at(1));
      const newer = discrepancy(items[1].id, at(2));
      await s.store.inWriteTransaction(tenantId, async (tx) => {
        await tx.saveDiscrepancy(older);
        await tx.saveDiscrepancy(newer);
      });
      expect(await s.store.inWriteTransaction(tenantId, (tx) => tx.lockDiscrepancy(older.id))).toEqual(older);
      const resolved: Discrepancy = {
        ...older,
        status: 'resolved',
        resolvedAt: at(3),
        resolution: { kind: 'entered_value', quantity: 4, actor: 'api-key:contract' },
      };
      await s.store.inWriteTransaction(tenantId, (tx) => tx.saveDiscrepancy(resolved));
      expect(await s.reader.getDiscrepancy(tenantId, older.id)).toEqual(resolved);
      expect((await s.reader.listDiscrepancies(tenantId, 'all', { limit: 10, cursor: null })).items).toEqual([newer, resolved]);
      expect((await s.reader.listDiscrepancies(tenantId, 'open', { limit: 10, cursor: null })).items).toEqual([newer]);
      expect(await s.reader.getDiscrepancy((await seedTenant(s)).tenantId, older.id)).toBeNull();
    });
  });
}
